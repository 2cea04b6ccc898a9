import Foundation
import GRDB
import Indicators
import Ingest
import TestSupport
import Testing

/// The energy indicators on the fixture geography, from diagnostics in the API's layout on
/// COG 2023: Alpha (62001) and Beta (62002) merged in 2024, Sainte-Marie (62003) has no
/// diagnostic, the Nord none at all, Paris two arrondissements. Figures computed by hand.
struct EnergyIndicatorsTests {
    static let diagnostics = """
        numero_dpe,numero_dpe_remplace,code_insee_ban,etiquette_dpe,date_etablissement_dpe,type_batiment,annee_construction,conso_5_usages_par_m2_ep
        D01,,62001,F,2023-01-10,maison,1920,300
        D02,,62001,E,2023-02-10,maison,1930,260
        D03,,62001,C,2023-03-10,appartement,1990,150
        D04,,62002,G,2023-04-10,maison,1900,450
        D05,,75101,E,2023-07-10,appartement,1900,280
        D06,,75102,C,2023-08-10,appartement,1960,120

        """

    /// The catalogue shipped, with these few diagnostics taken as enough (`min_denominator`
    /// 0, instead of 11): the rules of counting are what these tests check.
    private static func shipped(smallCountsAllowed: Bool = true) throws -> IndicatorCatalog {
        let shipped = try IndicatorCatalog(directory: packageRoot.appendingPathComponent("pipelines/indicators").path)
        guard smallCountsAllowed else { return shipped }
        return IndicatorCatalog(indicators: shipped.indicators.map { indicator in
            var copy = indicator
            if copy.minDenominator != nil { copy.minDenominator = 0 }
            return copy
        })
    }

    private static func computed(_ catalog: IndicatorCatalog? = nil) throws -> Sandbox {
        let sandbox = try Sandbox()
        try sandbox.loadFixtureGeography()
        let path = try sandbox.write("dpe-2023.csv", Self.diagnostics)
        #expect(try sandbox.ingest(path, IngestOptions(geographyOfInput: 2023)).status == .loaded)
        try sandbox.normalise(2024)
        try sandbox.compute(catalog ?? shipped())
        return sandbox
    }

    private func value(_ sandbox: Sandbox, _ indicator: String, _ territory: String) throws -> String? {
        try sandbox.lines("""
            SELECT status, value, estimate, coverage, method FROM indicator_values WHERE indicator_id = ? AND territory = ? AND period = '2023'
            """, [indicator, territory]).first
    }

    private func number(_ sandbox: Sandbox, _ indicator: String, _ territory: String) throws -> Double? {
        try sandbox.scalar("SELECT value FROM indicator_values WHERE indicator_id = ? AND territory = ? AND period = '2023'", [indicator, territory])
    }

    @Test func aggregatesArePackedOneRowPerCommuneAndNormaliseCountsWhatTheViewShows() throws {
        let sandbox = try Sandbox()
        try sandbox.loadFixtureGeography()
        let path = try sandbox.write("dpe-2023.csv", Self.diagnostics)
        #expect(try sandbox.ingest(path, IngestOptions(geographyOfInput: 2023)).status == .loaded)
        // Alpha, Beta, two arrondissements and Paris from them: one row each, cells named by slot.
        #expect(try sandbox.lines("SELECT territory_code FROM observation_rows ORDER BY territory_code")
            == ["62001", "62002", "75056", "75101", "75102"])
        #expect(try sandbox.scalar("SELECT count(*) FROM observation_rows WHERE cells NOT LIKE '{\"%}'") == 0)
        let summary = try sandbox.normalise(2024)
        let file = try #require(summary.files.first { $0.name == "dpe-2023.csv" })
        // The rows carried as they are (one-to-one communes) are counted cell by cell: as
        // many values as the view shows for them, and as many converted.
        let carried: [Int] = try sandbox.lines("""
            SELECT count(*) || ' ' || count(o.conversion) FROM normalised_observations o
            WHERE o.file_id = ? AND o.territory IN (SELECT territory FROM normalised_rows WHERE file_id = ?)
            """, [file.fileID, file.fileID]).first!.split(separator: " ").map { Int($0)! }
        #expect(carried[0] > 0)
        #expect(file.counts.written >= carried[0])
        #expect(file.counts.converted >= carried[1])
        let converted: Int? = try sandbox.scalar("""
            SELECT count(*) FROM normalised_values WHERE file_id = ? AND conversion IS NOT NULL AND territory LIKE 'COM:%'
            """, [file.fileID])
        let total: Int? = try sandbox.scalar("SELECT count(*) FROM normalised_observations WHERE file_id = ? AND territory LIKE 'COM:%'", [file.fileID])
        #expect(file.counts.written == total)
        #expect(file.counts.converted == carried[1] + (converted ?? 0))
    }

    @Test func mediansAreExactAtTheCommuneAndGroupedAbove() throws {
        let sandbox = try Self.computed()
        // Alpha 2024 = Alpha + Beta 2023: a median does not convert, its classes do
        // (150, 260, 300, 450): the middle is at 2 of 4, in class 260–270 → 260 + 1/1 × 10.
        #expect(try value(sandbox, "conso_energie_primaire_mediane_dpe", "COM:62001")
            == "ok | 270.0 | 1 | NULL | grouped median of its classes, interpolated")
        // Maisons 260, 300, 450: the middle (1.5 of 3) is halfway through class 300–310.
        #expect(try value(sandbox, "conso_energie_primaire_mediane_dpe_maisons", "COM:62001")?.hasPrefix("ok | 305.0 | 1") == true)
        // Paris: the exact median of its arrondissements' diagnostics (120, 280), counted at ingest.
        #expect(try value(sandbox, "conso_energie_primaire_mediane_dpe", "COM:75056") == "ok | 200.0 | 0 | NULL | as published")
        #expect(try value(sandbox, "conso_energie_primaire_mediane_dpe", "ARM:75101") == "ok | 280.0 | 0 | NULL | as published")
        #expect(try value(sandbox, "conso_energie_primaire_mediane_dpe_avant_1948", "COM:75056")?.hasPrefix("ok | 280.0 | 0") == true)
        // Above the commune, the grouped median of the communes' classes (120 and 280 for
        // Paris: the middle, 1 of 2, ends class 120–130), an estimate.
        #expect(try value(sandbox, "conso_energie_primaire_mediane_dpe", "DEP:75")
            == "ok | 130.0 | 1 | 1.0 | grouped median of the communes' summed classes, interpolated")
        #expect(try value(sandbox, "conso_energie_primaire_mediane_dpe", "DEP:62")?.hasPrefix("ok | 270.0 | 1 | 0.5") == true)
        #expect(try sandbox.scalar("SELECT denominator FROM indicator_values WHERE indicator_id = 'conso_energie_primaire_mediane_dpe' AND territory = 'DEP:62'") == 4.0)
    }

    @Test func countsAndSharesByTypeAndPeriodAtEveryLevel() throws {
        let sandbox = try Self.computed()
        #expect(try value(sandbox, "nombre_dpe_maisons", "COM:62001")?.hasPrefix("ok | 3.0") == true)
        #expect(try number(sandbox, "part_dpe_fg_maisons", "COM:62001").map { abs($0 - 200.0 / 3) < 1e-9 } == true)
        #expect(try value(sandbox, "part_dpe_ab_maisons", "COM:62001")?.hasPrefix("ok | 0.0") == true)
        #expect(try value(sandbox, "part_dpe_efg_avant_1948", "REG:32")?.hasPrefix("ok | 100.0") == true)
        #expect(try value(sandbox, "nombre_dpe_1975_2000", "DEP:62")?.hasPrefix("ok | 1.0") == true)
        #expect(try number(sandbox, "part_dpe_efg_appartements", "FR").map { abs($0 - 100.0 / 3) < 1e-9 } == true)
        #expect(try value(sandbox, "nombre_dpe_immeubles", "FR") == nil, "no immeuble was diagnosed")
    }

    /// Sainte-Marie (62003) had no diagnostic: in the Pas-de-Calais, which the data reach,
    /// it has none to count, so the département's values are complete at coverage 0.5. The
    /// Nord has none at all: the data do not reach it, and the région's values are estimates.
    @Test func partialCoverageIsNotAnEstimateWhereTheDataReach() throws {
        let sandbox = try Self.computed()
        #expect(try value(sandbox, "nombre_dpe", "DEP:62") == "ok | 4.0 | 0 | 0.5 | sum over communes")
        #expect(try value(sandbox, "part_dpe_efg", "DEP:62") == "ok | 75.0 | 0 | 0.5 | ratio of sums over communes")
        #expect(try value(sandbox, "nombre_dpe", "REG:32") == "ok | 4.0 | 1 | \(1.0 / 3) | sum over communes")
        #expect(try value(sandbox, "nombre_dpe", "DEP:59") == "missing | NULL | 0 | 0.0 | sum over communes, no commune with data")
        // The same definitions without partial_coverage: exact mark every partial value an estimate.
        let plain = IndicatorCatalog(indicators: try Self.shipped().indicators.map { indicator in
            var copy = indicator
            copy.partialCoverage = nil
            return copy
        })
        let estimated = try Self.computed(plain)
        #expect(try value(estimated, "nombre_dpe", "DEP:62") == "ok | 4.0 | 1 | 0.5 | sum over communes")
        #expect(try value(estimated, "part_dpe_efg", "DEP:62") == "ok | 75.0 | 1 | 0.5 | ratio of sums over communes")
    }

    /// With the catalogue as shipped, a share or a median of fewer than 11 diagnostics is
    /// kept but is no fact: Alpha's 4 diagnostics, the Pas-de-Calais' 4.
    @Test func sharesOfFewerThanElevenDiagnosticsAreSmallCounts() throws {
        let sandbox = try Self.computed(Self.shipped(smallCountsAllowed: false))
        #expect(try value(sandbox, "nombre_dpe", "COM:62001")?.hasPrefix("ok | 4.0") == true, "a count is a count")
        #expect(try value(sandbox, "part_dpe_efg", "COM:62001")
            == "small-count | NULL | 0 | NULL | commune components, 4 in the denominator, under 11")
        #expect(try sandbox.scalar("""
            SELECT unpublished_value FROM indicator_values WHERE indicator_id = 'part_dpe_efg' AND territory = 'DEP:62' AND period = '2023'
            """) == 75.0)
        #expect(try value(sandbox, "conso_energie_primaire_mediane_dpe", "COM:75056")?.hasPrefix("small-count | NULL") == true)
    }
}
