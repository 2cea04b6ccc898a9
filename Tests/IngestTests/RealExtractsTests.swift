import Core
import Foundation
import GRDB
import Ingest
import Tabular
import Testing
import TestSupport

/// Acceptance tests on the real extracts in `../shared/data`, loaded exactly as published.
@Suite(.enabled(if: SharedData.isAvailable, "../shared/data is absent: acceptance tests on real extracts skipped"))
struct RealExtractsTests {
    @Test func filosofiCommune2021() throws {
        let sandbox = try Sandbox()
        let path = SharedData.path("filosofi/cc_filosofi_2021_COM.csv")
        let outcome = try sandbox.ingest(path)
        #expect(outcome.status == .loaded)
        #expect(outcome.sourceID == "filosofi-commune-2021")
        #expect(outcome.counts == .init(rowsRead: 34_909, rowsLoaded: 34_909, rowsRejected: 0))
        #expect(try sandbox.scalar("SELECT count(DISTINCT territory_code) FROM v_observations") == 34_909)
        #expect(try sandbox.scalar("SELECT value FROM v_observations WHERE territory_code = '62498' AND variable = 'MED21'") == 17_250.0)
        #expect(try sandbox.scalar("SELECT value FROM v_observations WHERE territory_code = '62498' AND variable = 'TP6021'") == 32.0)

        // Every "s" cell of TP6021 is a secret status, and no secret carries a number.
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(whereSeparator: \.isNewline)
        let column = try #require(lines[0].split(separator: ";").firstIndex(of: "TP6021"))
        let secretCells = lines.dropFirst().filter { $0.split(separator: ";", omittingEmptySubsequences: false)[column] == "s" }.count
        #expect(secretCells > 30_000)
        #expect(try sandbox.scalar("SELECT count(*) FROM v_observations WHERE variable = 'TP6021' AND status = 'secret'") == secretCells)
        #expect(try sandbox.scalar("SELECT count(*) FROM observations WHERE status <> 'ok' AND value IS NOT NULL") == 0)
    }

    /// Filosofi is stored packed, one row per commune: the `observations` view gives back
    /// every cell of the file, value for value (decimal commas and integers alike) and
    /// status for status, as the cell parser reads it from the file itself.
    @Test func packedRowsGiveBackEveryCellOfTheFile() throws {
        let sandbox = try Sandbox()
        let path = SharedData.path("filosofi/cc_filosofi_2021_COM.csv")
        #expect(try sandbox.ingest(path).status == .loaded)
        let definition = try sandbox.catalog.definition(id: "filosofi-commune-2021")
        let parser = CellParser(markers: definition.effectiveMarkers, empty: definition.empty ?? .missing)

        let lines = try String(contentsOfFile: path, encoding: .utf8).split(whereSeparator: \.isNewline)
        let header = lines[0].split(separator: ";").map(String.init)
        var expected: [String] = []
        for line in lines.dropFirst() {
            let cells = line.split(separator: ";", omittingEmptySubsequences: false)
            for (column, cell) in zip(header, cells).dropFirst() {
                var text = String(cell)
                switch text.withUTF8({ parser.parse($0) }) {
                case .number(let value): expected.append("\(cells[0]) | \(column) | \(value) | ok")
                case .marker(let status): expected.append("\(cells[0]) | \(column) | NULL | \(status.rawValue)")
                case .invalid: Issue.record("\(cells[0]) \(column): \(text)")
                }
            }
        }
        let stored = try sandbox.lines("""
            SELECT o.territory_code, v.code, o.value, o.status FROM observations o JOIN variables v USING (variable_id)
            """)
        #expect(stored.count == expected.count)
        #expect(stored.sorted() == expected.sorted())
        #expect(try sandbox.scalar("SELECT count(*) FROM observation_rows") == lines.count - 1)
    }

    @Test func cog2024() throws {
        let sandbox = try Sandbox()
        let summary = try sandbox.ingest([SharedData.path("cog/2024")])
        #expect(summary.outcomes.map(\.sourceID) == ["cog-arrondissements", "cog-communes", "cog-departements", "cog-mouvements", "cog-regions"])
        #expect(summary.outcomes.allSatisfy { $0.status == .loaded })
        #expect(try sandbox.scalar("SELECT count(*) FROM cog_communes WHERE vintage = '2024' AND typecom = 'COM'") == 34_935)
        #expect(try sandbox.scalar("SELECT libelle FROM cog_communes WHERE com = '62498' AND typecom = 'COM'") == "Lens")
        #expect(try sandbox.scalar("SELECT count(*) FROM cog_departements") == 101)
        #expect(try sandbox.scalar("SELECT count(*) FROM cog_regions") == 18)
    }

    @Test func cog2017OldLayoutComesOutAsUTF8() throws {
        let sandbox = try Sandbox()
        let outcome = try sandbox.ingest(SharedData.path("cog/2017/France2017.txt"))
        #expect(outcome.status == .loaded)
        #expect(outcome.encoding == "windows-1252")
        #expect(outcome.vintage == "2017")
        #expect(try sandbox.scalar("SELECT libelle FROM cog_communes WHERE com = '01001' AND typecom = 'COM'") == "L'Abergement-Clémenciat")
        #expect(try sandbox.scalar("SELECT nccenr FROM cog_communes WHERE com = '01001' AND typecom = 'COM'") == "Abergement-Clémenciat")
    }

    /// Every COG, population and Filosofi file of `../shared/data` loads without a rejected row.
    @Test(arguments: [
        ("cog/2023", "cog-communes"), ("cog/2022/communes.csv", "cog-communes"), ("cog/2021/communes.csv", "cog-communes"),
        ("cog/2019/communes-2019.csv.gz", "cog-communes-2019"),
        ("population/populations-legales-2021.csv", "populations-legales"),
        ("population/populations-legales-2019.csv", "populations-legales-2019"),
        ("filosofi/BASE_TD_FILO_IRIS_2021_DEC.csv", "filosofi-iris-2021"),
        ("insee-meta/meta_dossier_complet.csv", "insee-dictionary"),
        ("insee-meta/meta_base-cc-logement-2021.CSV", "insee-dictionary"),
    ])
    func loadsWithoutRejection(relative: String, source: String) throws {
        let sandbox = try Sandbox()
        let summary = try sandbox.ingest([SharedData.path(relative)])
        #expect(!summary.outcomes.isEmpty)
        for outcome in summary.outcomes {
            #expect(outcome.status == .loaded, "\(outcome.path): \(outcome.message ?? "") \(outcome.firstRejections)")
            #expect(outcome.counts.rowsRejected == 0)
            #expect(outcome.counts.rowsLoaded > 0)
        }
        #expect(summary.outcomes.contains { $0.sourceID == source })
    }

    @Test func populationsLegales2021() throws {
        let sandbox = try Sandbox()
        _ = try sandbox.ingest(SharedData.path("population/populations-legales-2021.csv"))
        #expect(try sandbox.scalar("SELECT value FROM v_observations WHERE territory_code = '01001' AND variable = 'PMUN'") == 832.0)
        #expect(try sandbox.scalar("SELECT period FROM v_observations WHERE variable = 'PTOT' LIMIT 1") == "2021")
    }

    /// The two real defective files never load silently.
    @Test(arguments: ["bad-inputs/mouvements-2023-leading-zeros-lost.csv", "bad-inputs/base-cc-logement-2021-subset-leading-zeros-lost.csv"])
    func defectiveFilesAreRefusedOrExplicitlyRepaired(relative: String) throws {
        let sandbox = try Sandbox()
        let before = try sandbox.dump()
        let refused = try sandbox.ingest(SharedData.path(relative))
        #expect(refused.status == .failed)
        #expect(refused.message?.contains("lost their leading zero") == true)
        #expect(try sandbox.dump() == before)

        let repaired = try sandbox.ingest(SharedData.path(relative), IngestOptions(repairLeadingZeros: true))
        #expect(repaired.status == .loaded, "\(repaired.message ?? "") \(repaired.firstRejections)")
        let repairs: String? = try sandbox.scalar("SELECT repairs FROM v_files")
        #expect(repairs?.hasPrefix("leading zero restored on") == true)
    }

    @Test func dictionaryLabelsReachWideVariables() throws {
        let sandbox = try Sandbox()
        _ = try sandbox.ingest(SharedData.path("insee-meta/meta_base-cc-logement-2021.CSV"))
        _ = try sandbox.ingest(sandbox.write("base-cc-logement-2021.csv", "CODGEO;P21_LOG;P21_RP\n62498;20000;18000\n"))
        #expect(try sandbox.scalar("SELECT label FROM v_variables WHERE variable = 'P21_LOG'") == "Logements en 2021 (princ)")
        #expect(try sandbox.scalar("SELECT period FROM v_variables WHERE variable = 'P21_RP'") == "2021")
    }
}
