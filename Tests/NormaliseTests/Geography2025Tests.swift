import Foundation
import GRDB
@testable import Normalise
import TestSupport
import Testing

/// The real COG 2024, populations légales and EPCI workbook, with COG 2025 and the EPCI of
/// 1 January 2025 made of two real changes of 2025 (`Geography2025`), normalised onto 2025.
enum Warehouse2025 {
    static let shared: Result<Sandbox, any Error> = Result {
        let sandbox = try Sandbox()
        try Geography2025.write(into: sandbox.directory)
        try census2022Cantal(into: sandbox)
        let shared: [String] = ["cog/2024", "population/populations-legales-2021.csv", "population/populations-legales-2022-ensemble.xlsx",
                                "epci/insee-EPCI_au_01-01-2024.xlsx"].map(SharedData.path)
        let made: [String] = ["cog/2025", "epci", "census"].map { sandbox.directory.appendingPathComponent($0).path }
        let files = shared + made
        let ingest = try sandbox.ingest(files)
        guard ingest.runStatus == .succeeded else { throw Geography2025.FixtureFailure(message: ingest.headline) }
        try sandbox.normalise(2025)
        return sandbox
    }

    /// The census 2022 bases are on the communes of 1 January 2025: a cut of
    /// base-cc-evol-struct-pop-2022 for the Cantal (every commune of COG 2025, Celles and
    /// the other re-established communes included), P22_POP = 100 + the commune's rank.
    static func census2022Cantal(into sandbox: Sandbox) throws {
        let list = try String(contentsOf: sandbox.directory.appendingPathComponent("cog/2025/communes.csv"), encoding: .utf8)
        let fields: [[Substring]] = list.components(separatedBy: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let communes: [String] = fields.filter { $0.count == 12 && $0[0] == "COM" && $0[3] == "15" }.map { String($0[1]) }
        let rows: [String] = communes.enumerated().map { index, code in "\(code);\(100 + index);\(90 + index)" }
        _ = try sandbox.write("census/base-cc-evol-struct-pop-2022.CSV", (["CODGEO;P22_POP;P16_POP"] + rows).joined(separator: "\r\n") + "\r\n")
    }
}

@Suite("normalise onto COG 2025: a commune nouvelle and a commune nouvelle undone",
       .enabled(if: SharedData.isAvailable && Python.hasOpenpyxl, "needs ../shared/data and Debian's python3-openpyxl"))
struct Geography2025Tests {
    @Test("the 2024 list rebuilt from COG 2025 and its mouvements is the published 2024 list")
    func rebuilt2024List() throws {
        let sandbox = try Warehouse2025.shared.get()
        let history = try sandbox.warehouse.read { try ReferenceData.history($0) }
        #expect(history.referenceVintage == 2025)
        let published = try sandbox.warehouse.read {
            try String.fetchSet($0, sql: "SELECT com FROM cog_communes WHERE vintage = '2024' AND typecom = 'COM'")
        }
        #expect(try history.communes(in: 2024) == published)
        #expect(try history.communes(in: 2025).count == published.count - 1 + 4)
    }

    @Test("Pierrefitte-sur-Seine goes whole into Saint-Denis, with its population")
    func pierrefitteIntoSaintDenis() throws {
        let sandbox = try Warehouse2025.shared.get()
        let passages = try sandbox.lines("""
            SELECT from_code || '→' || to_code || ' ' || weight || ' ' || kind FROM passages
            WHERE from_geography = 2024 AND to_geography = 2025 AND to_code = '93066' ORDER BY from_code
            """)
        #expect(passages == ["93059→93066 1.0 merger", "93066→93066 1.0 merger"])
        let published: Double? = try sandbox.scalar("""
            SELECT sum(value) FROM v_observations WHERE source_id = 'populations-legales-ensemble' AND variable = 'PMUN'
              AND territory_code IN ('93059', '93066')
            """)
        let normalised: Double? = try sandbox.scalar("""
            SELECT value FROM v_normalised WHERE geography = 2025 AND source_id = 'populations-legales-ensemble'
              AND variable = 'PMUN' AND territory = 'COM:93066'
            """)
        #expect(published != nil && normalised == published)
        #expect(try sandbox.scalar("SELECT count(*) FROM territories WHERE geography = 2025 AND code = '93059'") == 0)
    }

    @Test("Neussargues en Pinatelle splits by the populations of its communes déléguées (RP2022)")
    func neussarguesSplitsByDelegatedPopulations() throws {
        let sandbox = try Warehouse2025.shared.get()
        let rows = try sandbox.rows("""
            SELECT to_code, weight, kind, basis FROM passages
            WHERE from_geography = 2024 AND to_geography = 2025 AND from_code = '15141' ORDER BY to_code
            """)
        // INSEE's sheet "Communes associées ou déléguées", RP2022: 217, 311, 91, 834, 124 (1,577).
        let expected: [String: Double] = ["15031": 217, "15035": 311, "15047": 91, "15141": 834, "15171": 124]
        #expect(rows.map { $0["to_code"] as String } == expected.keys.sorted())
        for row in rows {
            let weight: Double = row["weight"]
            #expect(abs(weight - expected[row["to_code"] as String]! / 1_577) < 1e-12)
            #expect((row["kind"] as String) == "split")
            #expect((row["basis"] as String).hasPrefix("communes déléguées of 15141: population municipale, populations légales RP2022 (COG 2024"))
        }
        // The commune's own 2022 population, shared: Celles gets back exactly its 217 inhabitants.
        let celles: Double? = try sandbox.scalar("""
            SELECT value FROM v_normalised WHERE geography = 2025 AND source_id = 'populations-legales-ensemble'
              AND variable = 'PMUN' AND territory = 'COM:15031'
            """)
        #expect(try #require(celles).rounded() == 217)
        // The communes déléguées' own rows are not commune figures: left out of normalise.
        #expect(try sandbox.scalar("""
            SELECT count(*) FROM v_normalised WHERE geography = 2025 AND source_id = 'populations-legales-ensemble-deleguees'
            """) == 0)
    }

    @Test("a base communale of the census 2022 is recognised as COG 2025 and kept as published")
    func census2022OnCOG2025() throws {
        let sandbox = try Warehouse2025.shared.get()
        let file = try #require(try sandbox.rows("SELECT geography, geography_basis FROM files WHERE name = 'base-cc-evol-struct-pop-2022.CSV'").first)
        #expect((file["geography"] as Int?) == 2025)
        #expect((file["geography_basis"] as String?)?.contains("COG 2025") == true)
        let celles = try sandbox.rows("""
            SELECT variable, value, conversion FROM v_normalised WHERE geography = 2025 AND territory = 'COM:15031'
              AND source_id = 'insee-commune-wide' ORDER BY variable
            """)
        #expect(celles.count == 2)
        #expect(celles.allSatisfy { ($0["conversion"] as String?) == nil })
    }

    @Test("the EPCI of 1 January 2025 give the territories of 2025 and their full membership")
    func epci2025() throws {
        let sandbox = try Warehouse2025.shared.get()
        let hautesTerres = try sandbox.lines("""
            SELECT territory FROM memberships WHERE geography = 2025 AND parent = 'EPCI:200066637' AND territory LIKE 'COM:15%'
              AND substr(territory, 5) IN ('15031', '15035', '15047', '15141', '15171') ORDER BY territory
            """)
        #expect(hautesTerres == ["COM:15031", "COM:15035", "COM:15047", "COM:15141", "COM:15171"])
        let grandParis = try sandbox.rows("""
            SELECT communes, communes_expected FROM territories WHERE geography = 2025 AND code = '200054781'
            """).first
        #expect((grandParis?["communes"] as Int?) == 130)
        #expect((grandParis?["communes_expected"] as Int?) == 130)
        // Every EPCI of the workbook is a territory (the four island communes in none are not).
        let workbook: Int? = try sandbox.scalar("SELECT count(DISTINCT epci) FROM epci_composition WHERE vintage = '2025' AND epci != 'ZZZZZZZZZ'")
        #expect(try sandbox.scalar("SELECT count(*) FROM territories WHERE geography = 2025 AND level = 'EPCI'") == workbook)
        #expect(workbook == 1_255)
    }
}
