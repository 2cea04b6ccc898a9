import Foundation
import GRDB
import Ingest
import TestSupport
import Testing

/// Workbooks and EPCI compositions from `../shared/data` loaded as sources, one load per
/// recognised sheet, with the same reporting as delimited files.
@Suite(.enabled(if: SharedData.isAvailable, "../shared/data is absent: acceptance tests on real workbooks skipped"))
struct RealWorkbookIngestTests {
    @Test("INSEE's EPCI workbook gives two loads: the list and the composition", arguments: [
        ("epci/insee-EPCI_au_01-01-2024.xlsx", "2024", 1_256, 34_935),
        ("epci/insee-Intercommunalite-Metropole_au_01-01-2021.xlsx", "2021", 1_255, 34_965),
    ])
    func inseeWorkbook(file: String, vintage: String, epcis: Int, communes: Int) throws {
        let sandbox = try Sandbox()
        let outcomes = try sandbox.ingest([SharedData.path(file)]).outcomes
        #expect(outcomes.map { "\($0.sheet ?? "-") \($0.sourceID ?? "-") \($0.status)" } == [
            "EPCI insee-epci-list loaded", "Composition_communale insee-epci-composition loaded",
        ])
        #expect(outcomes.map(\.vintage) == [vintage, vintage])
        #expect(outcomes.map(\.counts.rowsLoaded) == [epcis, communes])
        #expect(try sandbox.scalar("SELECT epci FROM epci_composition WHERE com = '62498'") == "246200364")
        #expect(try sandbox.scalar("SELECT encoding FROM files WHERE source_id = 'insee-epci-composition'") == "xlsx sheet Composition_communale")
    }

    @Test("DGCL's epcicom workbook: SIREN stored as numbers come out as codes")
    func dgclWorkbook() throws {
        let sandbox = try Sandbox()
        let outcome = try sandbox.ingest(SharedData.path("epci/dgcl-epcicom-2024.xlsx"))
        #expect(outcome.status == .loaded)
        #expect(outcome.counts.rowsLoaded == 34_931)
        let lens = try #require(try sandbox.rows("SELECT epci, epci_name, nature, dep FROM epci_composition WHERE com = '62498'").first)
        #expect(lens["epci"] == "246200364")
        #expect(lens["nature"] == "CA")
        #expect(lens["dep"] == "62")
    }

    @Test("populations légales workbook: sheets Communes, communes déléguées, départements and régions; codes joined, overseas included")
    func populationsWorkbook() throws {
        let sandbox = try Sandbox()
        let outcomes = try sandbox.ingest([SharedData.path("population/populations-legales-2022-ensemble.xlsx")]).outcomes
        #expect(outcomes.compactMap(\.sheet).sorted() == ["Communes", "Communes associées ou déléguées", "Départements", "Régions"])
        #expect(outcomes.allSatisfy { $0.status == .loaded })
        let outcome = try #require(outcomes.first { $0.sheet == "Communes" })
        #expect(outcome.counts == .init(rowsRead: 34_964, rowsLoaded: 34_964, rowsRejected: 0))
        #expect(try sandbox.scalar("SELECT value FROM v_observations WHERE territory_code = '62498' AND variable = 'PMUN'") == 32_697.0)
        #expect(try sandbox.scalar("SELECT value FROM v_observations WHERE territory_code = '97101' AND variable = 'PMUN'") == 51_760.0)
        #expect(try sandbox.scalar("SELECT territory_level FROM v_observations WHERE territory_code = '75101' LIMIT 1") == "ARM")
        #expect(try sandbox.scalar("SELECT geography FROM files") == 2024)
        #expect(try sandbox.scalar("SELECT count(*) FROM variables WHERE code = 'PMUN' AND additive = 1") == 4)
        // Communes déléguées at their own level, even where the code is the commune nouvelle's.
        #expect(try sandbox.scalar("SELECT value FROM v_observations WHERE territory_code = '15031' AND territory_level = 'COMD' AND variable = 'PMUN'") == 217.0)
        #expect(try sandbox.scalar("SELECT value FROM v_observations WHERE territory_code = '15141' AND territory_level = 'COMD' AND variable = 'PMUN'") == 834.0)
        #expect(try sandbox.scalar("SELECT value FROM v_observations WHERE territory_code = '15141' AND territory_level = 'COM' AND variable = 'PMUN'") == 1_577.0)
        // The départements and régions as INSEE publishes them.
        #expect(try sandbox.scalar("SELECT value FROM v_observations WHERE territory_code = '62' AND territory_level = 'DEP' AND variable = 'PMUN'") == 1_460_184.0)
        #expect(try sandbox.scalar("SELECT count(*) FROM v_observations WHERE territory_level = 'REG' AND variable = 'PTOT'") == 17)
    }

    @Test("the older DGCL CSV compositions lost their leading zeros: refused, then loaded on request", arguments: [2010, 2014, 2017])
    func olderDGCLCompositions(year: Int) throws {
        let sandbox = try Sandbox()
        let path = SharedData.path("epci/dgcl-epci-composition-\(year).csv")
        let refused = try sandbox.ingest(path)
        #expect(refused.status == .failed)
        #expect(refused.message?.contains("codes lost their leading zero (column insee") == true)
        let repaired = try sandbox.ingest(path, IngestOptions(repairLeadingZeros: true))
        #expect(repaired.status == .loaded)
        #expect(repaired.repairs?.hasPrefix("leading zero restored on") == true)
        #expect(try sandbox.scalar("SELECT count(*) FROM epci_composition WHERE com LIKE '01%'") ?? 0 > 300)
    }
}
