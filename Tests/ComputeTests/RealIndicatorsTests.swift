import Foundation
import GRDB
import TestSupport
import Testing

/// Filosofi 2021 on COG 2024 with INSEE's EPCI composition and the Bassin minier zones,
/// normalised and computed once for the suite.
enum RealIndicatorWarehouse {
    static let shared: Result<Sandbox, any Error> = Result {
        let sandbox = try Sandbox()
        let files = ["cog/2024", "filosofi/cc_filosofi_2021_COM.csv", "population/populations-legales-2021.csv",
                     "epci/insee-EPCI_au_01-01-2024.xlsx"]
        _ = try sandbox.ingest(files.map(SharedData.path))
        try sandbox.normalise(2024, zonesDirectory: packageRoot.appendingPathComponent("pipelines/zones").path)
        try sandbox.compute()
        return sandbox
    }
}

@Suite("compute on the real Filosofi 2021", .enabled(if: SharedData.isAvailable, "../shared/data is absent"))
struct RealIndicatorsTests {
    private func value(_ indicator: String, _ territory: String) throws -> Row? {
        try RealIndicatorWarehouse.shared.get().rows("""
            SELECT * FROM v_indicator_values WHERE indicator_id = ? AND territory = ? AND period = '2021'
            """, [indicator, territory]).first
    }

    @Test("published commune values come back unchanged")
    func communeValuesUnchanged() throws {
        #expect(try value("niveau_vie_median", "COM:62498")?["value"] == 17_250.0)
        #expect(try value("taux_pauvrete", "COM:62498")?["value"] == 32.0)
        #expect(try value("rapport_interdecile", "COM:62498")?["method"] == "as published")
        let sandbox = try RealIndicatorWarehouse.shared.get()
        // Every commune value equals the observation it comes from.
        let differing: Int? = try sandbox.scalar("""
            SELECT count(*) FROM indicator_values i
            JOIN v_normalised n ON n.geography = i.geography AND n.territory = i.territory AND n.variable = 'MED21'
            WHERE i.indicator_id = 'niveau_vie_median' AND i.territory LIKE 'COM:%' AND (i.value IS NOT n.value OR i.status != n.status)
            """)
        #expect(differing == 0)
    }

    @Test("communes marked s stay secret, with no number")
    func secretsStaySecret() throws {
        let sandbox = try RealIndicatorWarehouse.shared.get()
        let secretCells: Int? = try sandbox.scalar("SELECT count(*) FROM v_observations WHERE variable = 'TP6021' AND status = 'secret' AND territory_level = 'COM'")
        let secretValues: Int? = try sandbox.scalar("""
            SELECT count(*) FROM indicator_values WHERE indicator_id = 'taux_pauvrete' AND territory LIKE 'COM:%' AND status = 'secret'
            """)
        #expect((secretCells ?? 0) > 30_000)
        #expect(secretValues == secretCells)
        #expect(try sandbox.scalar("SELECT count(*) FROM indicator_values WHERE status != 'ok' AND value IS NOT NULL") == 0)
    }

    @Test("the EPCIs of the Bassin minier get their values with status, coverage and method")
    func bassinMinierEPCIs() throws {
        let sandbox = try RealIndicatorWarehouse.shared.get()
        let rows = try sandbox.rows("""
            SELECT v.* FROM v_indicator_values v
            WHERE v.indicator_id = 'taux_pauvrete' AND v.period = '2021' AND v.territory IN (
                SELECT DISTINCT m.parent FROM memberships m JOIN memberships z ON z.geography = m.geography AND z.territory = m.territory
                WHERE m.geography = 2024 AND m.parent LIKE 'EPCI:%' AND z.parent = 'ZONE:bassin-minier')
            """)
        #expect(rows.count == 9)
        for row in rows {
            let coverage: Double = row["coverage"]
            #expect(coverage > 0.4 && coverage <= 1)
            #expect((row["method"] as String).hasPrefix("weighted_mean by NBPERSMENFISC21"))
            // Below the indicator's minimum coverage (0.7) the estimate is withheld.
            if coverage >= 0.7 {
                #expect(row["status"] == "ok" && row["estimate"] == 1)
            } else {
                #expect(row["status"] == "missing" && (row["method"] as String).hasSuffix("coverage below 0.7"))
            }
        }
        let lensLievin = try #require(try value("taux_pauvrete", "EPCI:246200364"))
        #expect(lensLievin["status"] == "ok")
        #expect(abs((lensLievin["value"] as Double) - 24.85) < 0.01)
        let households = try #require(try value("nombre_menages_fiscaux", "EPCI:246200364"))
        #expect(households["value"] == 96_541.0)
        #expect(households["method"] == "sum over communes")
        // A median is never averaged: no EPCI value unless a source publishes one.
        #expect(try value("niveau_vie_median", "EPCI:246200364") == nil)
    }
}
