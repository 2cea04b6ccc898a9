import Foundation
import GRDB
import TestSupport
import Testing
@testable import Compute

/// Filosofi 2021 on COG 2024 with INSEE's EPCI composition, the Bassin minier zones and
/// `SecretDisclosureTests.epciMinusItsSecretCommune`, normalised and computed once for the suites.
enum RealIndicatorWarehouse {
    static let shared: Result<Sandbox, any Error> = Result {
        let sandbox = try Sandbox()
        let files = ["cog/2024", "filosofi/cc_filosofi_2021_COM.csv", "population/populations-legales-2021.csv",
                     "population/populations-legales-2022-ensemble.xlsx", "epci/insee-EPCI_au_01-01-2024.xlsx",
                     "dpe/dpe-v2-logements-neufs-69-sample.csv"]
        _ = try sandbox.ingest(files.map(SharedData.path))
        let zones = packageRoot.appendingPathComponent("pipelines/zones")
        for name in try FileManager.default.contentsOfDirectory(atPath: zones.path) {
            try sandbox.write("zones/" + name, bytes: Array(try Data(contentsOf: zones.appendingPathComponent(name))))
        }
        try sandbox.write("zones/epci-minus-its-secret-commune.yaml", SecretDisclosureTests.epciMinusItsSecretCommune)
        try sandbox.normalise(2024, zonesDirectory: sandbox.directory.appendingPathComponent("zones").path)
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

    @Test("compute reads every normalised value the view shows, from packed rows and from values alike")
    func computeReadsWhatTheViewShows() throws {
        let sandbox = try RealIndicatorWarehouse.shared.get()
        #expect(try sandbox.scalar("SELECT count(*) FROM normalised_rows") ?? 0 > 30_000)
        #expect(try sandbox.scalar("SELECT count(*) FROM normalised_values") ?? 0 > 1_000)
        let expected = try sandbox.lines("""
            SELECT n.territory, n.variable_id, n.file_id, n.value, n.status FROM normalised_observations n
            JOIN files f ON f.file_id = n.file_id AND f.status = 'current' WHERE n.geography = 2024
            """)
        var read: [String] = []
        try sandbox.warehouse.read { db in
            let values = try NormalisedValues(geography: 2024, db: db)
            try values.forEach(values.variablesPresent) { territory, variable, file, value, status in
                read.append("\(values.territories[territory]) | \(variable) | \(file) | \(value.map { String($0) } ?? "NULL") | \(status.rawValue)")
            }
        }
        #expect(read.count == expected.count)
        #expect(read.sorted() == expected.sorted())
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
        // CA de Lens-Liévin: the mean of the published rates weighted by persons leaves the
        // small secret communes out and leans high; imputing them from their median lowers it.
        let lensLievin = try #require(try value("taux_pauvrete", "EPCI:246200364"))
        #expect(lensLievin["status"] == "ok")
        let published = try #require(try sandbox.rows("""
            SELECT sum(r.value * p.value) / sum(p.value) AS rate, sum(p.value) AS persons
            FROM memberships e
            JOIN variables vr ON vr.code = 'TP6021'
            JOIN normalised_observations r ON r.geography = e.geography AND r.variable_id = vr.variable_id AND r.territory = e.territory
            JOIN variables vp ON vp.code = 'NBPERSMENFISC21'
            JOIN normalised_observations p ON p.geography = e.geography AND p.variable_id = vp.variable_id AND p.territory = e.territory
            WHERE e.geography = 2024 AND e.parent = 'EPCI:246200364' AND r.status = 'ok'
            """).first)
        let estimate: Double = lensLievin["value"]
        #expect(estimate < published["rate"] && estimate > (published["rate"] as Double) - 3)
        #expect(abs((lensLievin["denominator"] as Double) - (published["persons"] as Double)) > 1, "secret communes were imputed")
        #expect((lensLievin["method"] as String).contains("% of the weight imputed from MED21"))
        let households = try #require(try value("nombre_menages_fiscaux", "EPCI:246200364"))
        #expect(households["value"] == 96_541.0)
        #expect(households["method"] == "sum over communes")
        // A median is never averaged: no EPCI value unless a source publishes one.
        #expect(try value("niveau_vie_median", "EPCI:246200364") == nil)
    }

    @Test("poverty rates published as 5 % are flagged as a floor, up to the aggregates")
    func povertyRateFloorIsFlagged() throws {
        let sandbox = try RealIndicatorWarehouse.shared.get()
        let atFloor: Int? = try sandbox.scalar("""
            SELECT count(*) FROM v_observations WHERE variable = 'TP6021' AND status = 'ok' AND value = 5 AND territory_level = 'COM'
            """)
        #expect(atFloor == 132)
        let flagged: Int? = try sandbox.scalar("""
            SELECT count(*) FROM indicator_values WHERE indicator_id = 'taux_pauvrete' AND territory LIKE 'COM:%'
            AND flags = 'known issue filosofi-taux-pauvrete-plancher-5'
            """)
        #expect(flagged == atFloor)
        let france = try #require(try value("taux_pauvrete", "FR"))
        #expect((france["flags"] as String?)?.hasPrefix("known issue filosofi-taux-pauvrete-plancher-5 on ") == true)
        #expect(try sandbox.scalar("SELECT matched FROM known_issues WHERE issue_id = 'filosofi-taux-pauvrete-plancher-5'") as Int? ?? 0 > 132)
    }

    @Test("published département and région populations win, and their communes add up to them")
    func publishedPopulationsReconcile() throws {
        let sandbox = try RealIndicatorWarehouse.shared.get()
        let pasDeCalais = try #require(try sandbox.rows("""
            SELECT * FROM indicator_values WHERE indicator_id = 'population' AND territory = 'DEP:62' AND period = '2022'
            """).first)
        #expect(pasDeCalais["value"] == 1_460_184.0)
        #expect(pasDeCalais["method"] == "published")
        #expect(pasDeCalais["derived"] == 1_460_184.0)
        let report = try Reconciliation(warehouse: sandbox.warehouse, indicators: ["population", "population_totale"])
        #expect(report.summaries.map(\.indicator) == ["population", "population_totale"])
        // 100 départements and 17 régions, every one equal to the sum of its communes.
        #expect(report.summaries.allSatisfy { $0.compared == 117 && $0.differing == 0 })
        #expect(report.gaps.isEmpty)
    }

    @Test("DPE shares of Lyon are recomputed from the counts of its arrondissements")
    func lyonDPEShares() throws {
        let sandbox = try RealIndicatorWarehouse.shared.get()
        let counts = try sandbox.rows("""
            SELECT variable, sum(value) AS n FROM v_observations
            WHERE territory_code LIKE '6938_' AND variable IN ('DPE22_N', 'DPE22_N_E', 'DPE22_N_F', 'DPE22_N_G', 'DPE22_N_A', 'DPE22_N_B')
            GROUP BY variable
            """).reduce(into: [String: Double]()) { $0[$1["variable"]] = $1["n"] }
        let lyon = try #require(try sandbox.rows("""
            SELECT * FROM v_indicator_values WHERE indicator_id = 'part_dpe_ab' AND territory = 'COM:69123' AND period = '2022'
            """).first)
        #expect(lyon["numerator"] == counts["DPE22_N_A"]! + counts["DPE22_N_B"]!)
        #expect(lyon["denominator"] == counts["DPE22_N"])
        let efg = try #require(try value("part_dpe_efg", "COM:69123"))
        #expect(efg["status"] == "ok")
    }

    /// Lyon (from its arrondissements) and Lyon 8e, every year, all dwellings and each
    /// building type: number, shares E-F-G, F-G, A-B and median consumption as computed
    /// independently by Python from the file; above the commune the grouped median of
    /// the Rhône's diagnostics, equal to Python's grouped median, and its gap to the exact one.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: Python.path), "python3 is absent"))
    func lyonDPEByBuildingTypeAsPythonCountsThem() throws {
        let sandbox = try RealIndicatorWarehouse.shared.get()
        let expected = try IndependentDPECount.count(SharedData.path("dpe/dpe-v2-logements-neufs-69-sample.csv"), style: "labels")
        var compared = 0
        for territory in ["COM:69123", "ARM:69388"] {
            let code = String(territory.dropFirst(4))
            for year in ["2021", "2022", "2023", "2024"] {
                for (suffix, breakdown) in [("", ""), ("_maisons", "_MAISON"), ("_appartements", "_APPARTEMENT"), ("_immeubles", "_IMMEUBLE")] {
                    let prefix = "\(code) DPE\(year.suffix(2))\(breakdown)"
                    guard let count = expected[prefix + "_N"] else {
                        #expect(try sandbox.scalar("SELECT count(*) FROM indicator_values WHERE indicator_id = ? AND territory = ? AND period = ?",
                                                   ["nombre_dpe" + suffix, territory, year]) == 0)
                        continue
                    }
                    // Shares and medians of fewer than 11 diagnostics are kept, not published.
                    func stored(_ indicator: String) throws -> Double? {
                        try sandbox.scalar("""
                            SELECT coalesce(value, unpublished_value) FROM indicator_values WHERE indicator_id = ? AND territory = ? AND period = ?
                              AND (status = 'ok' OR status = 'small-count' AND denominator < 11)
                            """, [indicator, territory, year])
                    }
                    func share(_ letters: [String]) -> Double { letters.map { expected[prefix + "_N_" + $0] ?? 0 }.reduce(0, +) / count * 100 }
                    #expect(try stored("nombre_dpe" + suffix) == count, "\(prefix)")
                    for (measure, letters) in [("part_dpe_efg", ["E", "F", "G"]), ("part_dpe_fg", ["F", "G"]), ("part_dpe_ab", ["A", "B"])] {
                        #expect(try stored(measure + suffix).map { abs($0 - share(letters)) < 1e-9 } == true, "\(measure + suffix) \(prefix)")
                    }
                    #expect(try stored("conso_energie_primaire_mediane_dpe" + suffix) == expected[prefix + "_CONSO_EP_MED"], "\(prefix)")
                    compared += 1
                }
            }
        }
        #expect(compared == 32, "2 territories × 4 years × 4 breakdowns, every one in the file")
        // The Rhône: the file's diagnostics are all in it (Lyon 8e and Ancy).
        for year in ["2021", "2022", "2023", "2024"] {
            let grouped = try #require(try sandbox.rows("""
                SELECT value, estimate FROM indicator_values WHERE indicator_id = 'conso_energie_primaire_mediane_dpe' AND territory = 'DEP:69' AND period = ?
                """, [year]).first)
            let python = try #require(expected["all DPE\(year.suffix(2))_CONSO_EP_GROUPED"])
            let exact = try #require(expected["all DPE\(year.suffix(2))_CONSO_EP_MED"])
            #expect(abs(grouped["value"] as Double - python) < 1e-9 && grouped["estimate"] == 1)
            #expect(abs(grouped["value"] as Double - exact) < 10, "within a class of the exact median")
            print("DEP:69 \(year): grouped median \(grouped["value"] as Double), exact \(exact)")
        }
    }
}
