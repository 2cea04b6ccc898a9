import Foundation
import TestSupport
import Testing

/// The executable as cron and analysts use it: exit codes documented in the README and
/// messages that name the file, line, column and value.
@Suite struct CLITests {
    @Test(.enabled(if: FileManager.default.fileExists(atPath: Observatoire.binary.path), "the observatoire binary is not built"))
    func demoLoadsThenIsUnchanged() throws {
        let warehouse = try Observatoire.temporaryDirectory().appendingPathComponent("w.sqlite").path
        let first = try Observatoire.run(["ingest", "--warehouse", warehouse, "raw/demo"])
        #expect(first.status == 0, "\(first.errors)")
        #expect(first.output.contains("filosofi-commune-2021"))
        #expect(first.output.contains("15 files: 15 loaded"))
        let second = try Observatoire.run(["ingest", "--warehouse", warehouse, "raw/demo"])
        #expect(second.status == 0)
        #expect(second.output.contains("15 unchanged"))
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: Observatoire.binary.path), "the observatoire binary is not built"))
    func demoNormalisesAndTerritoriesAreFound() throws {
        let warehouse = try Observatoire.temporaryDirectory().appendingPathComponent("w.sqlite").path
        #expect(try Observatoire.run(["ingest", "--warehouse", warehouse, "--quiet", "raw/demo"]).status == 0)
        let normalise = try Observatoire.run(["normalise", "--warehouse", warehouse, "--geography", "2024"])
        #expect(normalise.status == 0, "\(normalise.errors)")
        #expect(normalise.output.contains("territories: 1 FR, 1 REG, 2 DEP, 9 EPCI, 330 COM, 2 ZONE"))
        #expect(normalise.output.contains("inferred COG 2024: all 330 commune codes match exactly"))
        #expect(normalise.output.contains("contours: 330 COM, 9 EPCI, 2 DEP, 1 REG, 2 ZONE"))

        let zone = try Observatoire.run(["territories", "show", "--warehouse", warehouse, "ZONE:bassin-minier"])
        #expect(zone.status == 0, "\(zone.errors)")
        #expect(zone.output.contains("communes: 330"))
        #expect(zone.output.contains("populations légales RP2021 (populations-legales, COG 2023 → 2024): 1 337 151 (330 of 330 communes)"))

        let search = try Observatoire.run(["territories", "search", "--warehouse", warehouse, "henin", "carvin"])
        #expect(search.output.hasPrefix("EPCI:246200299        Communauté d'agglomération d'Hénin-Carvin"))
        let lens = try Observatoire.run(["territories", "show", "--warehouse", warehouse, "62498"])
        #expect(lens.output.contains("Communauté d'agglomération de Lens - Liévin (EPCI:246200364)"))
        let unknown = try Observatoire.run(["territories", "show", "--warehouse", warehouse, "Atlantis"])
        #expect(unknown.status == 1)
        #expect(unknown.errors.contains("no territory named 'Atlantis'"))
        let tooNew = try Observatoire.run(["normalise", "--warehouse", warehouse, "--geography", "2025"])
        #expect(tooNew.status == 1)
        #expect(tooNew.errors.contains("load the COG 2025 communes and mouvements files"))
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: Observatoire.binary.path), "the observatoire binary is not built"))
    func demoComputesAndExports() throws {
        let directory = try Observatoire.temporaryDirectory()
        let warehouse = directory.appendingPathComponent("w.sqlite").path
        #expect(try Observatoire.run(["ingest", "--warehouse", warehouse, "--quiet", "raw/demo"]).status == 0)
        #expect(try Observatoire.run(["normalise", "--warehouse", warehouse, "--quiet", "--geography", "2024"]).status == 0)
        let compute = try Observatoire.run(["compute", "--warehouse", warehouse])
        #expect(compute.status == 0, "\(compute.errors)")
        #expect(compute.output.contains("taux_pauvrete"))
        let list = try Observatoire.run(["indicators", "list"])
        #expect(list.output.contains("taux_pauvrete\tTaux de pauvreté au seuil de 60 % du niveau de vie médian\tRevenus et pauvreté\t%"))
        let show = try Observatoire.run(["indicators", "show", "taux_pauvrete"])
        #expect(show.output.contains("formula: TP60{yy} as published; above the commune, estimated by weighted_mean weighted by NBPERSMENFISC{yy}"))

        let csv = directory.appendingPathComponent("epci.csv").path
        let epci = try Observatoire.run(["export", "--warehouse", warehouse, "--indicators", "taux_pauvrete,niveau_vie_median,taux_chomage_15_64",
                            "--level", "epci", "--within", "ZONE:bassin-minier", "--format", "csv", "--output", csv])
        #expect(epci.status == 0, "\(epci.errors)")
        // Nothing asked for is dropped silently: what cannot be computed is said, and why.
        #expect(epci.output.hasPrefix("9 values of 1 indicator (2 not computed: niveau_vie_median, taux_chomage_15_64) for 9 territories"), "\(epci.output)")
        #expect(epci.errors.contains("warning: niveau_vie_median not computed for epci in Bassin minier du Nord-Pas-de-Calais (ZONE:bassin-minier): aucune valeur au niveau EPCI : non agrégeable"))
        #expect(epci.errors.contains("warning: taux_chomage_15_64 not computed for epci in Bassin minier du Nord-Pas-de-Calais (ZONE:bassin-minier): aucune valeur calculée : les variables de sa formule"))
        let text = try String(contentsOfFile: csv, encoding: .utf8)
        #expect(text.contains("246200364,EPCI,Communauté d'agglomération de Lens - Liévin,taux_pauvrete,"))
        let xlsx = directory.appendingPathComponent("communes.xlsx").path
        let communes = try Observatoire.run(["export", "--warehouse", warehouse, "--indicators", "population", "--level", "commune",
                                "--within", "EPCI:246200364", "--format", "xlsx", "--wide", "--output", xlsx])
        #expect(communes.status == 0, "\(communes.errors)")
        #expect(communes.output.hasPrefix("36 values of 1 indicator for 36 territories"))
        let unknown = try Observatoire.run(["export", "--warehouse", warehouse, "--indicators", "taux_de_rien", "--level", "epci", "--output", csv])
        #expect(unknown.status == 1)
        #expect(unknown.errors.contains("no computed indicator 'taux_de_rien'"))
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: Observatoire.binary.path), "the observatoire binary is not built"))
    func demoPortraits() throws {
        let directory = try Observatoire.temporaryDirectory()
        let warehouse = directory.appendingPathComponent("w.sqlite").path
        #expect(try Observatoire.run(["ingest", "--warehouse", warehouse, "--quiet", "raw/demo"]).status == 0)
        #expect(try Observatoire.run(["normalise", "--warehouse", warehouse, "--quiet", "--geography", "2024"]).status == 0)
        let notComputed = try Observatoire.run(["portrait", "--warehouse", warehouse, "Lens", "--format", "md"])
        #expect(notComputed.status == 1)
        #expect(notComputed.errors.contains("run `observatoire compute` first"))
        #expect(try Observatoire.run(["compute", "--warehouse", warehouse, "--quiet"]).status == 0)

        let lens = try Observatoire.run(["portrait", "--warehouse", warehouse, "Lens", "--format", "md"])
        #expect(lens.status == 0, "\(lens.errors)")
        #expect(lens.output.hasPrefix("# Lens\n"))
        #expect(lens.output.contains("| 2021 | 32,0\u{00A0}% |"))
        let html = directory.appendingPathComponent("portrait-call.html").path
        let call = try Observatoire.run(["portrait", "--warehouse", warehouse, "EPCI:246200364", "--format", "html", "--output", html])
        #expect(call.status == 0, "\(call.errors)")
        #expect(call.output.hasPrefix("portrait of Communauté d'agglomération de Lens - Liévin (EPCI:246200364)"))
        #expect(try String(contentsOfFile: html, encoding: .utf8).contains("<h1>Communauté d&#39;agglomération de Lens - Liévin</h1>"))
        let xlsx = directory.appendingPathComponent("bassin.xlsx").path
        #expect(try Observatoire.run(["portrait", "--warehouse", warehouse, "ZONE:bassin-minier", "--format", "xlsx", "--output", xlsx]).status == 0)
        #expect(FileManager.default.fileExists(atPath: xlsx))

        let folder = directory.appendingPathComponent("portraits").path
        let all = try Observatoire.run(["portrait", "--warehouse", warehouse, "--all", "--level", "epci", "--within", "ZONE:bassin-minier-epci",
                           "--output-dir", folder])
        #expect(all.status == 0, "\(all.errors)")
        #expect(all.output.hasPrefix("8 portraits (epci in Intercommunalités du Bassin minier (8 EPCI) (ZONE:bassin-minier-epci)) → \(folder) in "))
        let files = try FileManager.default.contentsOfDirectory(atPath: folder)
        #expect(files.count == 9 && files.contains("EPCI-246200364.html") && files.contains("index.html"), "8 portraits and their index")

        let ambiguous = try Observatoire.run(["portrait", "--warehouse", warehouse, "bassin minier", "--format", "md"])
        #expect(ambiguous.status == 1)
        #expect(ambiguous.errors.contains("'bassin minier' names 2 territories; give one of their codes"))
        let unknown = try Observatoire.run(["portrait", "--warehouse", warehouse, "Atlantis"])
        #expect(unknown.status == 1)
        #expect(unknown.errors.contains("no territory named 'Atlantis'"))
        let usage = try Observatoire.run(["portrait", "--warehouse", warehouse, "ZONE:bassin-minier", "--format", "xlsx"])
        #expect(usage.status == 2)
        #expect(usage.errors.contains("An XLSX portrait needs --output FILE."))
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: Observatoire.binary.path), "the observatoire binary is not built"))
    func exitCodes() throws {
        let directory = try Observatoire.temporaryDirectory()
        let warehouse = directory.appendingPathComponent("w.sqlite").path
        let rejected = directory.appendingPathComponent("base-2021.csv")
        try Data("CODGEO;P21_POP\n01001;12\n01002;douze\n".utf8).write(to: rejected)
        let withRejections = try Observatoire.run(["ingest", "--warehouse", warehouse, rejected.path])
        #expect(withRejections.status == 3)
        #expect(withRejections.errors.contains("line 3, column P21_POP, value 'douze': not a number"))

        let damaged = directory.appendingPathComponent("damaged-2021.csv")
        try Data("CODGEO;P21_POP\n1001;12\n".utf8).write(to: damaged)
        let refused = try Observatoire.run(["ingest", "--warehouse", warehouse, damaged.path])
        #expect(refused.status == 1)
        #expect(refused.errors.contains("damaged-2021.csv:2, column CODGEO, value '1001': 1 codes lost their leading zero"))

        let usage = try Observatoire.run(["ingest", "--warehouse", warehouse, "--vintage", "twenty", rejected.path])
        #expect(usage.status == 2)
        #expect(usage.errors.contains("--vintage takes a year"))
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: Observatoire.binary.path), "the observatoire binary is not built"))
    func runIsIncrementalAndLogsAsAsked() throws {
        let warehouse = try Observatoire.temporaryDirectory().appendingPathComponent("w.sqlite").path
        let first = try Observatoire.run(["run", "--warehouse", warehouse, "--raw", "raw/demo"])
        #expect(first.status == 0, "\(first.errors)")
        #expect(first.errors.contains("normalise: done") && first.errors.contains("compute: done"))
        let second = try Observatoire.run(["run", "--warehouse", warehouse, "--raw", "raw/demo", "--log-format", "json"])
        #expect(second.status == 0, "\(second.errors)")
        let lines = second.errors.split(separator: "\n")
        #expect(!lines.isEmpty)
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String]
            #expect(object?["level"] != nil && object?["time"] != nil, "\(line)")
        }
        #expect(second.errors.contains("\"message\":\"normalise: skipped\""))
        #expect(try Observatoire.run(["run", "--warehouse", warehouse, "--raw", "raw/demo", "--quiet"]).errors == "")
        let status = try Observatoire.run(["status", "--warehouse", warehouse])
        #expect(status.output.contains("succeeded") && status.output.contains("normalise skipped"))
        #expect(status.output.contains("filosofi-commune-2021"))
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/usr/bin/flock") && FileManager.default.fileExists(atPath: Observatoire.binary.path),
                   "flock(1) or the observatoire binary is missing"))
    func aSecondWriterExitsWith75WhileAnotherHoldsTheWarehouse() throws {
        let warehouse = try Observatoire.temporaryDirectory().appendingPathComponent("w.sqlite").path
        // Another process holds the writer lock for three seconds.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        holder.arguments = [warehouse + ".lock", "sleep", "3"]
        try holder.run()
        defer { holder.terminate() }
        Thread.sleep(forTimeInterval: 0.3)
        let ingest = try Observatoire.run(["ingest", "--warehouse", warehouse, "raw/demo"])
        #expect(ingest.status == 75)
        #expect(ingest.errors.contains("another observatoire command is writing to this warehouse"))
        #expect(try Observatoire.run(["run", "--warehouse", warehouse, "--raw", "raw/demo", "--wait", "0.2"]).status == 75)
        // Readers are never blocked.
        #expect(try Observatoire.run(["status", "--warehouse", warehouse]).status == 0)
        // With --wait, the writer goes on once the holder is done.
        let waiting = try Observatoire.run(["ingest", "--warehouse", warehouse, "--quiet", "--wait", "10", "raw/demo"])
        #expect(waiting.status == 0, "\(waiting.errors)")
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: Observatoire.binary.path), "the observatoire binary is not built"))
    func aKilledRunLeavesNothingHalfDoneAndTheNextRunRecovers() throws {
        let warehouse = try Observatoire.temporaryDirectory().appendingPathComponent("w.sqlite").path
        let process = Process()
        process.executableURL = Observatoire.binary
        process.arguments = ["run", "--warehouse", warehouse, "--raw", "raw/demo", "--quiet"]
        process.currentDirectoryURL = Observatoire.packageRoot
        try process.run()
        Thread.sleep(forTimeInterval: 0.25)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let next = try Observatoire.run(["run", "--warehouse", warehouse, "--raw", "raw/demo"])
        #expect(next.status == 0, "\(next.errors)")
        let status = try Observatoire.run(["status", "--warehouse", warehouse])
        #expect(!status.output.contains(" running "))
        #expect(status.output.contains("compute done"))
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: Observatoire.binary.path), "the observatoire binary is not built"))
    func demoRunsEveryStageAndSaysWhereTheOutputsAre() throws {
        let directory = try Observatoire.temporaryDirectory()
        let outputs = directory.appendingPathComponent("demo").path
        let demo = try Observatoire.run(["demo", "--warehouse", directory.appendingPathComponent("w.sqlite").path, "--output-dir", outputs])
        #expect(demo.status == 0, "\(demo.errors)")
        #expect(demo.output.contains("ingest done, normalise done, compute done"))
        #expect(demo.output.contains("18 files: the Bassin minier and its 8 EPCI"))
        let lens = try String(contentsOfFile: outputs + "/portraits/EPCI-246200364.html", encoding: .utf8)
        #expect(lens.contains("Communauté d&#39;agglomération de Lens - Liévin") || lens.contains("Communauté d'agglomération de Lens - Liévin"))
        #expect(FileManager.default.fileExists(atPath: outputs + "/indicateurs-epci.xlsx"))
        // A second demo has nothing to redo.
        let again = try Observatoire.run(["demo", "--warehouse", directory.appendingPathComponent("w.sqlite").path, "--output-dir", outputs])
        #expect(again.output.contains("normalise skipped, compute skipped"))
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: Observatoire.binary.path), "the observatoire binary is not built"))
    func citesRankAndRenovationProgressOnTheDemo() throws {
        let directory = try Observatoire.temporaryDirectory()
        let warehouse = directory.appendingPathComponent("w.sqlite").path
        #expect(try Observatoire.run(["run", "--warehouse", warehouse, "--raw", "raw/demo", "--quiet"]).status == 0)
        let rank = try Observatoire.run(["cites", "rank", "--warehouse", warehouse, "--budget-dwellings", "1500"])
        #expect(rank.status == 0, "\(rank.errors)")
        #expect(rank.output.contains("budget 1500 dwellings: 5 cités selected, 1480 dwellings"))
        #expect(rank.output.contains("enjeux social et patrimonial forts"))
        let csv = try Observatoire.run(["cites", "rank", "--warehouse", warehouse, "--format", "csv"])
        #expect(csv.output.split(separator: "\n").count == 8, "a header and the 7 cités of the demo")
        let progress = try Observatoire.run(["renovation", "progress", "--warehouse", warehouse, "--within", "EPCI:246200364"])
        #expect(progress.status == 0, "\(progress.errors)")
        #expect(progress.output.contains("ERBM       total      total            all   380        380"))
        let unknown = try Observatoire.run(["renovation", "progress", "--warehouse", warehouse, "--within", "Atlantis"])
        #expect(unknown.status == 1)
        #expect(unknown.errors.contains("no territory named 'Atlantis'"))
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: Observatoire.binary.path), "the observatoire binary is not built"))
    func citesCompareOnTheDemo() throws {
        let directory = try Observatoire.temporaryDirectory()
        let warehouse = directory.appendingPathComponent("w.sqlite").path
        #expect(try Observatoire.run(["run", "--warehouse", warehouse, "--raw", "raw/demo", "--quiet"]).status == 0)
        let none = try Observatoire.run(["cites", "compare", "--warehouse", warehouse])
        #expect(none.status == 1)
        #expect(none.errors.contains("no reference list is loaded: run `observatoire cites references FILE --list ID --geography YEAR` first"))
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: Observatoire.binary.path), "the observatoire binary is not built"),
          .enabled(if: SharedData.isAvailable, "../shared/data is absent"))
    func citesCompareTheDemoWithTheRealLists() throws {
        let warehouse = try Observatoire.temporaryDirectory().appendingPathComponent("w.sqlite").path
        #expect(try Observatoire.run(["run", "--warehouse", warehouse, "--raw", "raw/demo", "--quiet"]).status == 0)
        let data = SharedData.root
        for (list, file) in [("unesco", "cites-unesco-124.geojson"), ("erbm", "cites-erbm.geojson")] {
            let loaded = try Observatoire.run(["cites", "references", data.appendingPathComponent("bassin-minier/" + file).path, "--list", list,
                                               "--geography", "2024", "--departements", "59", "62", "--warehouse", warehouse])
            #expect(loaded.status == 0, "\(loaded.errors)")
        }
        let text = try Observatoire.run(["cites", "compare", "--warehouse", warehouse, "--issues-only"])
        #expect(text.status == 0, "\(text.errors)")
        #expect(text.output.contains("communes differ (only in the list: 62628 Noyelles-sous-Lens)"))
        #expect(text.output.contains("unesco: 5 cités of the inventory in the list (2 by identifier, 3 by name and commune); 119 of its 124 cités not in the inventory"))
        let json = try Observatoire.run(["cites", "compare", "--warehouse", warehouse, "--issues-only", "--format", "json"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let rows = try #require(document["rows"] as? [[String: Any]])
        #expect(rows.map { "\($0["list"] ?? "") \($0["id_cite"] ?? "") \($0["issue_kinds"] ?? "")" }
            == ["erbm C002 erbm", "erbm C005 owners", "erbm C007 erbm", "unesco C007 communes"])
        let markdown = try Observatoire.run(["cites", "compare", "--warehouse", warehouse, "--format", "md"])
        #expect(markdown.output.hasPrefix("| list | id_cite | nom |"))
    }
}
