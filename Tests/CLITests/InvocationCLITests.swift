import Foundation
import Testing
@testable import observatoire

/// How `observatoire` is invoked, as a user meets it: `--version`, a mistyped command, level
/// names in any case, running from any directory, and a failed command that leaves no empty
/// warehouse behind. The executable runs from temporary directories outside the repository.
@Suite(.enabled(if: FileManager.default.fileExists(atPath: Observatoire.binary.path), "the observatoire binary is not built"))
struct InvocationCLITests {
    /// `$OBSERVATOIRE_WAREHOUSE` names the warehouse when `--warehouse` does not; a
    /// PostgreSQL URL there is said to be one (the stages run on SQLite), its password hidden.
    @Test func theWarehouseMayComeFromTheEnvironment() throws {
        let directory = try Observatoire.temporaryDirectory()
        let warehouse = directory.appendingPathComponent("env.sqlite").path
        #expect(try Observatoire.run(["ingest", "--quiet", "--warehouse", warehouse, "raw/demo/cog"]).status == 0)
        let status = try Observatoire.run(["status"], in: Observatoire.packageRoot, environment: ["OBSERVATOIRE_WAREHOUSE": warehouse])
        #expect(status.status == 0 && status.output.contains("observatoire ingest"), "\(status.output)\(status.errors)")
        let postgres = try Observatoire.run(["status"], in: Observatoire.packageRoot,
                                            environment: ["OBSERVATOIRE_WAREHOUSE": "postgresql://loader:hunter2@db.example/observatoire"])
        #expect(postgres.status == 2)
        #expect(postgres.errors.contains("is a PostgreSQL URL") && postgres.errors.contains("observatoire warehouse copy"), "\(postgres.errors)")
        #expect(!postgres.errors.contains("hunter2"))
    }

    @Test func versionPrintsTheSoftwareVersion() throws {
        let source = try String(contentsOf: Observatoire.packageRoot.appendingPathComponent("Sources/Warehouse/SoftwareVersion.swift"), encoding: .utf8)
        let version = try #require(source.firstMatch(of: /current = "([0-9.]+)"/)?.1)
        let result = try Observatoire.run(["--version"], in: try Observatoire.temporaryDirectory())
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output == "observatoire \(version)\n")
    }

    static let typos: [(arguments: [String], message: String, suggestion: String)] = [
        (["portrai"], "error: unknown command 'portrai'", "did you mean 'portrait'?"),
        (["exprot", "--indicators", "population"], "error: unknown command 'exprot'", "did you mean 'export'?"),
        (["Normalize", "--geography", "2024"], "error: unknown command 'Normalize'", "did you mean 'normalise'?"),
        (["territories", "shw", "Lens"], "error: unknown command 'territories shw'", "did you mean 'territories show'?"),
    ]

    @Test(arguments: typos)
    func aMistypedCommandSaysWhichWasMeantAndExitsWithTwo(arguments: [String], message: String, suggestion: String) throws {
        let result = try Observatoire.run(arguments, in: try Observatoire.temporaryDirectory())
        #expect(result.status == 2)
        #expect(result.errors == message + "\n" + suggestion + "\n")
    }

    @Test func aWordCloseToNoCommandListsThemAndExitsWithTwo() throws {
        let result = try Observatoire.run(["xyzzy"], in: try Observatoire.temporaryDirectory())
        #expect(result.status == 2)
        #expect(result.errors.hasPrefix("error: unknown command 'xyzzy'\ncommands: demo, run, status,"), "\(result.errors)")
        #expect(!result.errors.contains("did you mean"))
        // Other usage errors keep argument-parser's message and exit 2.
        let option = try Observatoire.run(["export", "--indicators", "population", "--level", "epci", "--output", "x.csv", "--wdie"], in: try Observatoire.temporaryDirectory())
        #expect(option.status == 2)
        #expect(option.errors.hasPrefix("Error: Unknown option '--wdie'. Did you mean '--wait'?"), "\(option.errors)")
    }

    /// From a directory that holds neither `pipelines` nor `raw/demo`, both are found beside
    /// the executable (`.build/…/debug`, inside the repository); then the levels of
    /// `export` in any case.
    @Test func demoRunsFromAnotherDirectoryAndLevelsTakeAnyCase() throws {
        let directory = try Observatoire.temporaryDirectory()
        let warehouse = directory.appendingPathComponent("w.sqlite").path
        let outputs = directory.appendingPathComponent("demo").path
        let demo = try Observatoire.run(["demo", "--quiet", "--warehouse", warehouse, "--output-dir", outputs], in: directory)
        #expect(demo.status == 0, "\(demo.errors)")
        #expect(FileManager.default.fileExists(atPath: outputs + "/portraits/EPCI-246200364.html"))
        #expect(FileManager.default.fileExists(atPath: outputs + "/indicateurs-epci.xlsx"))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("warehouse").path))

        for level in ["EPCI", "Epci", "epci"] {
            let csv = directory.appendingPathComponent("epci-\(level).csv").path
            let export = try Observatoire.run(["export", "--warehouse", warehouse, "--indicators", "population", "--level", level,
                                               "--within", "ZONE:bassin-minier", "--output", csv], in: directory)
            #expect(export.status == 0, "\(export.errors)")
            #expect(export.output.hasPrefix("9 values of 1 indicator for 9 territories (epci in "), "\(export.output)")
        }
        let communes = try Observatoire.run(["export", "--warehouse", warehouse, "--indicators", "population", "--level", "Commune",
                                             "--within", "EPCI:246200364", "--output", directory.appendingPathComponent("c.csv").path], in: directory)
        #expect(communes.output.hasPrefix("36 values of 1 indicator for 36 territories (commune in "), "\(communes.errors)")
        let portraits = try Observatoire.run(["portrait", "--warehouse", warehouse, "--all", "--level", "EPCI", "--within", "ZONE:bassin-minier-epci",
                                              "--output-dir", directory.appendingPathComponent("p").path], in: directory)
        #expect(portraits.status == 0, "\(portraits.errors)")
        #expect(portraits.output.hasPrefix("8 portraits (epci in "), "\(portraits.output)")
        let bogus = try Observatoire.run(["export", "--warehouse", warehouse, "--indicators", "population", "--level", "EPCIS",
                                          "--output", directory.appendingPathComponent("x.csv").path], in: directory)
        #expect(bogus.status == 2)
        #expect(bogus.errors.contains("The value 'EPCIS' is invalid for '--level <level>'"), "\(bogus.errors)")
    }

    static let failures: [[String]] = [
        ["export", "--indicators", "nope", "--level", "epci", "--output", "x.csv"],
        ["portrait", "Atlantis"],
        ["compute"],
        ["normalise", "--geography", "2024"],
        ["reconcile"],
        ["territories", "show", "Lens"],
        ["cites", "rank"],
        ["renovation", "progress"],
        ["run", "--raw", "nowhere"],
        ["ingest", "damaged-2021.csv"],
        ["ingest", "--warehouse", "deep/er/w.sqlite", "damaged-2021.csv"],
    ]

    /// Each fails on its arguments with no warehouse there: none is left behind, nor the
    /// folder it would have been in.
    @Test(arguments: failures)
    func aFailedCommandLeavesNoWarehouseBehind(arguments: [String]) throws {
        let directory = try Observatoire.temporaryDirectory()
        try Data("CODGEO;P21_POP\n1001;12\n".utf8).write(to: directory.appendingPathComponent("damaged-2021.csv"))
        let result = try Observatoire.run(arguments, in: directory)
        #expect(result.status != 0, "\(result.output)")
        for path in ["warehouse/observatoire.sqlite", "warehouse", "deep/er/w.sqlite", "deep"] {
            #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent(path).path), "\(path): \(result.errors)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["damaged-2021.csv"])
    }

    @Test func anExistingWarehouseIsNeverRemoved() throws {
        let directory = try Observatoire.temporaryDirectory()
        let damaged = directory.appendingPathComponent("damaged-2021.csv").path
        try Data("CODGEO;P21_POP\n1001;12\n".utf8).write(to: URL(fileURLWithPath: damaged))
        let warehouse = directory.appendingPathComponent("w.sqlite").path
        let good = Observatoire.packageRoot.appendingPathComponent("Tests/IngestTests/BadInputCorpus/corsica-2021.csv").path
        #expect(try Observatoire.run(["ingest", "--quiet", "--warehouse", warehouse, good], in: directory).status == 0)
        #expect(try Observatoire.run(["ingest", "--warehouse", warehouse, damaged], in: directory).status == 1)
        #expect(try Observatoire.run(["compute", "--warehouse", warehouse], in: directory).status == 1)
        #expect(FileManager.default.fileExists(atPath: warehouse))
        let status = try Observatoire.run(["status", "--warehouse", warehouse], in: directory)
        #expect(status.output.contains("insee-commune-wide"), "\(status.output)")
    }

    /// A copy of the executable with no `pipelines` or `raw/demo` beside it or above it:
    /// the error says where it looked and what to set; the variables and options then work.
    @Test func withoutTheFoldersTheErrorSaysWhereItLookedAndWhatToSet() throws {
        let directory = try Observatoire.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let bin = directory.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let copy = bin.appendingPathComponent("observatoire")
        try FileManager.default.copyItem(at: Observatoire.binary, to: copy)
        let work = directory.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)

        let missing = try Observatoire.run(["sources"], in: work, executable: copy)
        #expect(missing.status == 2)
        #expect(missing.errors.contains("cannot find the folder of definitions (sources, indicators, reports): "
            + "looked for pipelines (a folder holding sources/) in the working directory \(work.path), "
            + "then for pipelines and share/observatoire/pipelines in \(bin.path) and each folder above it. "
            + "Give --pipelines DIR or set OBSERVATOIRE_PIPELINES=DIR."), "\(missing.errors)")

        let pipelines = Observatoire.packageRoot.appendingPathComponent("pipelines").path
        let variable = try Observatoire.run(["sources"], in: work, executable: copy, environment: ["OBSERVATOIRE_PIPELINES": pipelines])
        #expect(variable.status == 0, "\(variable.errors)")
        #expect(variable.output.contains("filosofi-commune-2021"))
        let option = try Observatoire.run(["indicators", "list", "--pipelines", pipelines], in: work, executable: copy)
        #expect(option.status == 0, "\(option.errors)")

        let demo = try Observatoire.run(["demo", "--warehouse", work.appendingPathComponent("w.sqlite").path], in: work, executable: copy,
                                        environment: ["OBSERVATOIRE_PIPELINES": pipelines])
        #expect(demo.status == 2)
        #expect(demo.errors.contains("cannot find the demo's raw folder: looked for raw/demo in the working directory \(work.path)"), "\(demo.errors)")
        #expect(demo.errors.contains("Give --raw DIR or set OBSERVATOIRE_DEMO_RAW=DIR."))
        #expect(try FileManager.default.contentsOfDirectory(atPath: work.path).isEmpty)

        // Installed as PREFIX/bin/observatoire with PREFIX/share/observatoire/pipelines.
        let share = directory.appendingPathComponent("share/observatoire")
        try FileManager.default.createDirectory(at: share, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: share.appendingPathComponent("pipelines").path, withDestinationPath: pipelines)
        let installed = try Observatoire.run(["sources"], in: work, executable: copy)
        #expect(installed.status == 0, "\(installed.errors)")
    }
}

/// The pieces behind it, without a process: the order in which the folders are looked
/// for, the edit distance and the words taken for a command.
struct InvocationUnitTests {
    /// A tree with a repository-like and an install-like layout, the marker folder in each.
    private static func tree() throws -> URL {
        let root = try Observatoire.temporaryDirectory()
        for folder in ["repo/pipelines/sources", "repo/.build/debug", "prefix/share/observatoire/pipelines/sources", "prefix/bin",
                       "cwd/pipelines/sources", "empty", "decoy/pipelines", "decoy/bin"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        return root
    }

    private static func context(_ root: URL, cwd: String, executable: String, environment: [String: String] = [:]) -> BundledFolder.Context {
        BundledFolder.Context(environment: environment, workingDirectory: root.appendingPathComponent(cwd).path,
                              executable: root.appendingPathComponent(executable))
    }

    @Test func theOptionThenTheVariableThenTheWorkingDirectoryThenBesideTheExecutable() throws {
        let root = try Self.tree()
        let folder = BundledFolder.pipelines
        let everything = Self.context(root, cwd: "cwd", executable: "repo/.build/debug/observatoire", environment: ["OBSERVATOIRE_PIPELINES": "/from/variable"])
        #expect(try folder.resolve(option: "/from/option", in: everything) == "/from/option")
        #expect(try folder.resolve(option: nil, in: everything) == "/from/variable")
        var noVariable = everything
        noVariable.environment = ["OBSERVATOIRE_PIPELINES": ""]
        #expect(try folder.resolve(option: nil, in: noVariable) == "pipelines")
        let repository = Self.context(root, cwd: "empty", executable: "repo/.build/debug/observatoire")
        #expect(try folder.resolve(option: nil, in: repository) == root.appendingPathComponent("repo/pipelines").path)
        let installed = Self.context(root, cwd: "empty", executable: "prefix/bin/observatoire")
        #expect(try folder.resolve(option: nil, in: installed) == root.appendingPathComponent("prefix/share/observatoire/pipelines").path)
    }

    @Test func aFolderWithoutItsMarkerIsNotTakenAndNoneFoundIsAUsageError() throws {
        let root = try Self.tree()
        // decoy/pipelines holds no sources/: not a folder of definitions.
        let decoy = Self.context(root, cwd: "decoy", executable: "decoy/bin/observatoire")
        #expect(throws: (any Error).self) { try BundledFolder.pipelines.resolve(option: nil, in: decoy) }
        let message = BundledFolder.pipelines.notFound(in: decoy)
        #expect(message.contains("in the working directory \(root.appendingPathComponent("decoy").path)"))
        #expect(message.contains("in \(root.appendingPathComponent("decoy/bin").path) and each folder above it"))
        #expect(message.hasSuffix("Give --pipelines DIR or set OBSERVATOIRE_PIPELINES=DIR."))
        // The demo's raw folder needs no marker.
        try FileManager.default.createDirectory(at: root.appendingPathComponent("repo/raw/demo"), withIntermediateDirectories: true)
        let repository = Self.context(root, cwd: "empty", executable: "repo/.build/debug/observatoire")
        #expect(try BundledFolder.demoRaw.resolve(option: nil, in: repository) == root.appendingPathComponent("repo/raw/demo").path)
    }

    @Test func directoryAndAncestorsEndAtTheRoot() {
        #expect(BundledFolder.directoryAndAncestors(of: "/usr/local/bin") == ["/usr/local/bin", "/usr/local", "/usr", "/"])
        #expect(BundledFolder.directoryAndAncestors(of: "/") == ["/"])
    }

    @Test(arguments: [("exprot", "export", 1), ("portrai", "portrait", 1), ("normalize", "normalise", 1), ("ab", "ba", 1),
                      ("status", "stats", 1), ("", "run", 3), ("xyzzy", "export", 5), ("abc", "abc", 0)])
    func damerauDistance(a: String, b: String, expected: Int) {
        #expect(UnknownCommand.distance(a, b) == expected)
    }

    @Test func onlyCloseNamesAreProposed() {
        let names = ["demo", "run", "status", "export", "portrait", "territories"]
        #expect(UnknownCommand.closest(to: "rnu", among: names) == ["run"])
        #expect(UnknownCommand.closest(to: "dmo", among: names) == ["demo"])
        #expect(UnknownCommand.closest(to: "dm", among: names).isEmpty)
        #expect(UnknownCommand.closest(to: "exprt", among: names) == ["export"])
        #expect(UnknownCommand.closest(to: "expppport", among: names).isEmpty)
        #expect(UnknownCommand.closest(to: "TERRITORIE", among: names) == ["territories"])
    }

    @Test func wordsThatNameCommandsOrComeAfterAnOptionAreLeftToTheParser() {
        #expect(UnknownCommand.find(in: [], under: observatoire.Observatoire.self) == nil)
        #expect(UnknownCommand.find(in: ["--version"], under: observatoire.Observatoire.self) == nil)
        #expect(UnknownCommand.find(in: ["help", "portrai"], under: observatoire.Observatoire.self) == nil)
        #expect(UnknownCommand.find(in: ["ingest", "raw/demo"], under: observatoire.Observatoire.self) == nil)
        #expect(UnknownCommand.find(in: ["territories", "--geography", "2024", "shw"], under: observatoire.Observatoire.self) == nil)
        let nested = UnknownCommand.find(in: ["indicators", "lst"], under: observatoire.Observatoire.self)
        #expect(nested?.path == ["indicators"])
        #expect(nested?.suggestions == ["list"])
    }

    @Test func levelsParseInAnyCaseAndByTheirCode() throws {
        let cases = [("EPCI", "epci"), ("Commune", "commune"), ("COM", "commune"), ("Département", "departement"), ("dep", "departement"),
                     ("REGION", "region"), ("FR", "france"), ("Zone", "zone"), ("ARM", "arrondissement")]
        for (argument, level) in cases {
            let export = try ExportCommand.parse(["--indicators", "population", "--level", argument, "--output", "x.csv"])
            #expect(export.level.rawValue == level, "\(argument)")
        }
        let portrait = try PortraitCommand.parse(["--all", "--level", "Epci", "--output-dir", "portraits"])
        #expect(portrait.level?.rawValue == "epci")
        #expect(throws: (any Error).self) { try ExportCommand.parse(["--indicators", "population", "--level", "EPCIS", "--output", "x.csv"]) }
    }
}
