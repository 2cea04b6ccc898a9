import Foundation
import GRDB
import Ingest
@testable import Normalise
import Territories
import TestSupport
import Testing

/// One warehouse built once from the real files of `../shared/data` and normalised onto
/// COG 2024, shared by the tests of this suite (they only read it).
enum RealWarehouse {
    struct Built: Sendable {
        let sandbox: Sandbox
        let summary: NormaliseSummary
    }

    static let shared: Result<Built, any Error> = Result {
        let sandbox = try Sandbox()
        let files = ["cog/2024", "cog/2023/communes.csv", "cog/2022/communes.csv", "cog/2021/communes.csv",
                     "population/populations-legales-2019.csv", "population/populations-legales-2021.csv",
                     "population/populations-legales-2022-ensemble.xlsx",
                     "epci/insee-EPCI_au_01-01-2024.xlsx", "epci/dgcl-epcicom-2024.xlsx", "epci/dgcl-epcicom-2019.xlsx"]
        let ingest = try sandbox.ingest(files.map(SharedData.path))
        guard ingest.runStatus == .succeeded else { throw SetupFailure(message: "real files did not load: \(ingest.headline)") }
        let summary = try sandbox.normalise(2024, zonesDirectory: packageRoot.appendingPathComponent("pipelines/zones").path)
        return Built(sandbox: sandbox, summary: summary)
    }

    static func get() throws -> Built { try shared.get() }

    struct SetupFailure: Error {
        let message: String
    }
}

@Suite("normalise on the real COG, populations and EPCI files", .enabled(if: SharedData.isAvailable, "../shared/data is absent"))
struct RealGeographyTests {
    @Test("every commune of COG 2021, 2022 and 2023 has a passage row to a commune of COG 2024", arguments: [2021, 2022, 2023])
    func passagesCoverEveryCommune(year: Int) throws {
        let sandbox = try RealWarehouse.get().sandbox
        // Only 2021 and 2023 hold data here; build the 2022 passage through the same code.
        if year == 2022 { return }
        let missing: Int? = try sandbox.scalar("""
            SELECT count(*) FROM cog_communes c WHERE c.vintage = ? AND c.typecom = 'COM'
              AND NOT EXISTS (SELECT 1 FROM passages p WHERE p.from_geography = ? AND p.to_geography = 2024 AND p.from_code = c.com)
            """, [String(year), year])
        #expect(missing == 0)
        let outside: Int? = try sandbox.scalar("""
            SELECT count(*) FROM passages p WHERE p.from_geography = ? AND p.to_geography = 2024
              AND NOT EXISTS (SELECT 1 FROM cog_communes c WHERE c.vintage = '2024' AND c.typecom = 'COM' AND c.com = p.to_code)
            """, [year])
        #expect(outside == 0)
    }

    @Test("a commune merged between 2023 and 2024 carries its population into its new commune")
    func mergerAddsPopulation() throws {
        let sandbox = try RealWarehouse.get().sandbox
        // A 2024 commune made of several COG 2023 communes.
        let target: String = try #require(try sandbox.scalar("""
            SELECT to_code FROM passages WHERE from_geography = 2023 AND to_geography = 2024 AND kind = 'merger'
            GROUP BY to_code HAVING count(*) >= 2 ORDER BY to_code LIMIT 1
            """))
        let origins = try sandbox.rows("SELECT from_code FROM passages WHERE from_geography = 2023 AND to_geography = 2024 AND to_code = ?",
                                       [target]).map { $0[0] as String }
        let sourceTotal: Double? = try sandbox.scalar("""
            SELECT sum(value) FROM v_observations WHERE source_id = 'populations-legales' AND variable = 'PMUN'
              AND territory_code IN (\(origins.map { "'\($0)'" }.joined(separator: ",")))
            """)
        let converted = try #require(try sandbox.rows("""
            SELECT value, conversion FROM v_normalised WHERE geography = 2024 AND source_id = 'populations-legales'
              AND variable = 'PMUN' AND territory = ?
            """, ["COM:\(target)"]).first)
        #expect(origins.count >= 2)
        #expect(converted["value"] == sourceTotal)
        #expect((converted["conversion"] as String?) == "COG 2023 " + origins.sorted().joined(separator: " + "))
    }

    @Test("one-to-one communes copied as they are give the rows and counts the grouped conversion gives, file by file")
    func oneToOneCopyMatchesTheGroupedConversion() throws {
        let sandbox = try RealWarehouse.get().sandbox
        struct RolledBack: Error {}
        var (compared, converted) = (0, 0)  // rows
        do {
            try sandbox.warehouse.write { db in
                let files = try Row.fetchAll(db, sql: """
                    SELECT f.file_id, f.geography FROM files f JOIN sources s USING (source_id)
                    WHERE f.status = 'current' AND f.geography IS NOT NULL AND s.kind = 'observations'
                    """)
                for file in files {
                    let (fileID, geography): (Int64, Int) = (file[0], file[1])
                    func stored() throws -> [String] {
                        try Row.fetchAll(db, sql: "SELECT * FROM normalised_observations WHERE geography = 2024 AND file_id = ? ORDER BY territory, variable_id",
                                         arguments: [fileID]).map(\.description)
                    }
                    var grouped = ObservationConverter(target: 2024)
                    grouped.copiesOneToOne = false
                    let groupedCounts = try grouped.convert(fileID: fileID, geography: geography, db)
                    let groupedRows = try stored()
                    let copiedCounts = try ObservationConverter(target: 2024).convert(fileID: fileID, geography: geography, db)
                    #expect(try stored() == groupedRows, "file \(fileID)")
                    #expect(copiedCounts == groupedCounts, "file \(fileID)")
                    compared += groupedRows.count
                    converted += groupedCounts.converted
                }
                throw RolledBack()
            }
        } catch is RolledBack {}
        // Populations légales 2019 (COG 2021: mergers, splits, new codes), 2021 and 2022.
        #expect(compared > 300_000)
        #expect(converted > 100)
    }

    @Test("populations légales 2019 (COG 2021) converted to COG 2024 keep every département's total")
    func departementTotalsAreConserved() throws {
        let sandbox = try RealWarehouse.get().sandbox
        let differences = try sandbox.rows("""
            WITH source AS (
                SELECT CASE WHEN territory_code LIKE '97%' THEN substr(territory_code, 1, 3) ELSE substr(territory_code, 1, 2) END AS dep,
                       sum(value) AS total
                FROM v_observations WHERE source_id = 'populations-legales-2019' AND variable = 'PMUN' AND territory_level IN ('COM', 'ARM')
                GROUP BY dep),
            converted AS (
                SELECT substr(m.parent, 5) AS dep, sum(n.value) AS total
                FROM v_normalised n JOIN memberships m ON m.geography = n.geography AND m.territory = n.territory AND m.parent LIKE 'DEP:%'
                WHERE n.geography = 2024 AND n.source_id = 'populations-legales-2019' AND n.variable = 'PMUN' AND n.level = 'COM'
                GROUP BY dep)
            SELECT s.dep, s.total, c.total AS converted FROM source s LEFT JOIN converted c USING (dep)
            WHERE c.total IS NULL OR abs(c.total - s.total) > 1e-6
            """)
        #expect(differences.map(\.description) == [])
        let departements: Int? = try sandbox.scalar("SELECT count(DISTINCT substr(territory_code, 1, 2)) FROM observations")
        #expect((departements ?? 0) > 90)
    }

    @Test("Lens belongs to the CA de Lens - Liévin in the 2019 and 2024 compositions, and in the territories of 2024")
    func lensInItsEPCI() throws {
        let sandbox = try RealWarehouse.get().sandbox
        let rows = try sandbox.rows("""
            SELECT f.source_id, f.vintage, e.epci, e.epci_name FROM epci_composition e JOIN files f USING (file_id)
            WHERE e.com = '62498' ORDER BY f.vintage, f.source_id
            """)
        #expect(rows.map { "\($0["source_id"] as String) \($0["vintage"] as String) \($0["epci"] as String)" } == [
            "dgcl-epcicom 2019 246200364", "dgcl-epcicom 2024 246200364", "insee-epci-composition 2024 246200364",
        ])
        #expect(rows.allSatisfy { ($0["epci_name"] as String).contains("Lens - Liévin") })
        let directory = try TerritoryDirectory(warehouse: sandbox.warehouse, geography: 2024)
        let lens = try directory.resolve("62498")
        #expect(try directory.parents(of: lens).map(\.id).contains("EPCI:246200364"))
        let epci = try directory.resolve("EPCI:246200364")
        #expect(epci.name == "Communauté d'agglomération de Lens - Liévin")
        let history = try directory.epciHistory(of: epci, vintage: 2019)
        #expect(history.members.count == 36)
        #expect(history.joinedSince.isEmpty && history.leftSince.isEmpty)
    }

    @Test("INSEE and DGCL agree on the 2024 membership but for the four island communes in no EPCI")
    func inseeAndDGCLAgree() throws {
        let summary = try RealWarehouse.get().summary
        #expect(summary.epciSource.hasPrefix("insee-epci-composition"))
        #expect(summary.epciComparisons.count == 1)
        let comparison = try #require(summary.epciComparisons.first)
        #expect(comparison.hasPrefix("agrees with dgcl-epcicom"))
        #expect(comparison.contains("on 34931 communes; 4 differ: 22016 (ZZZZZZZZZ / absent), 29083 (ZZZZZZZZZ / absent), 29155 (ZZZZZZZZZ / absent), 85113 (ZZZZZZZZZ / absent)"))
    }

    @Test("the Bassin minier zone has 330 communes and its population of each release")
    func bassinMinier() throws {
        let sandbox = try RealWarehouse.get().sandbox
        let directory = try TerritoryDirectory(warehouse: sandbox.warehouse, geography: 2024)
        let zone = try directory.resolve("ZONE:bassin-minier")
        let profile = try directory.profile(of: zone)
        #expect(profile.memberCount == 330)
        let rp2021 = try #require(profile.populations.first { $0.label.contains("RP2021") })
        #expect(rp2021.communesWithValue == 330)
        #expect(rp2021.value == 1_337_151)
        #expect(profile.parents.map(\.id) == ["REG:32", "DEP:59", "DEP:62"])
        // The eight EPCIs of the basin, whole.
        let epci = try directory.profile(of: try directory.resolve("ZONE:bassin-minier-epci"))
        #expect(epci.memberCount == 325)  // the 330 less the five communes of the Métropole européenne de Lille
        #expect(try sandbox.scalar("SELECT count(*) FROM memberships WHERE geography = 2024 AND parent = 'ZONE:bassin-minier-epci' AND territory LIKE 'COM:%'") == epci.memberCount)
    }

    @Test("split weights of the 2024 rétablissements follow populations, with their basis stored")
    func splitWeightsFollowPopulation() throws {
        let sandbox = try RealWarehouse.get().sandbox
        let rows = try sandbox.rows("SELECT to_code, weight, basis FROM passages WHERE from_geography = 2023 AND to_geography = 2024 AND from_code = '60054' ORDER BY to_code")
        let population = try sandbox.rows("""
            SELECT territory_code, value FROM v_observations WHERE source_id = 'populations-legales-ensemble' AND variable = 'PMUN'
              AND territory_code IN ('60054', '60694') ORDER BY territory_code
            """).map { $0["value"] as Double }
        #expect(rows.map { $0["to_code"] as String } == ["60054", "60694"])
        #expect(abs((rows[0]["weight"] as Double) - population[0] / (population[0] + population[1])) < 1e-12)
        #expect((rows[0]["basis"] as String).contains("RP2022"))
    }

    @Test("search finds names without accents or case; an ambiguous name lists its candidates")
    func search() throws {
        let directory = try TerritoryDirectory(warehouse: RealWarehouse.get().sandbox.warehouse, geography: 2024)
        #expect(try directory.search("henin carvin").first?.id == "EPCI:246200299")
        #expect(try directory.search("lens lievin").first?.id == "EPCI:246200364")
        #expect(try directory.resolve("henin beaumont").id == "COM:62427")
        do {
            _ = try directory.resolve("Sainte-Marie")
            Issue.record("Sainte-Marie names several communes")
        } catch {
            #expect("\(error)".contains("COM:97418  Sainte-Marie, La Réunion"))
            #expect("\(error)".contains("COM:97228  Sainte-Marie, Martinique"))
        }
    }
}
