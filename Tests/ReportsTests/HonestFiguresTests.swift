import Export
import Foundation
import Output
import Reports
import Territories
import TestSupport
import Testing

/// The demo territory as `observatoire demo` loads it: cut files of the Bassin minier,
/// whose larger territories (the MEL, the départements, the région, France) are known only
/// in part. No figure of theirs may pass for the whole.
enum DemoWarehouse {
    static let shared: Result<Sandbox, any Error> = Result {
        let sandbox = try Sandbox()
        _ = try sandbox.ingest([packageRoot.appendingPathComponent("raw/demo").path])
        try sandbox.normalise(2024, zonesDirectory: packageRoot.appendingPathComponent("pipelines/zones").path)
        try sandbox.compute()
        return sandbox
    }
}

@Suite("every figure of the demo honest", .serialized)
struct HonestFiguresTests {
    private func portrait(_ id: String) throws -> (Portrait, String) {
        let sandbox = try DemoWarehouse.shared.get()
        let layout = try PortraitLayout(path: packageRoot.appendingPathComponent("pipelines/reports/portrait.yaml").path)
        let directory = try TerritoryDirectory(warehouse: sandbox.warehouse, geography: 2024)
        let portrait = try PortraitJob(warehouse: sandbox.warehouse, layout: layout, directory: directory, logger: .quiet).run(territories: [id], command: "test")[0]
        let templates = try PortraitTemplates(directory: packageRoot.appendingPathComponent("pipelines/reports/templates").path)
        return (portrait, try PortraitRenderer(templates: templates).text(portrait, format: .md))
    }

    @Test("France's population is INSEE's published figure or not shown, never the basin's sum")
    func francePopulation() throws {
        let sandbox = try DemoWarehouse.shared.get()
        let basin: Double = try #require(try sandbox.scalar("""
            SELECT value FROM v_indicator_values WHERE indicator_id = 'population' AND territory = 'ZONE:bassin-minier' AND period = '2021'
            """))
        #expect(basin == 1_337_151)
        for level in ["FR", "REG:32", "DEP:59", "DEP:62"] {
            for row in try sandbox.rows("SELECT * FROM v_indicator_values WHERE indicator_id = 'population' AND territory = ?", [level]) {
                let method: String = row["method"]
                if let value = row["value"] as Double? {
                    #expect(method == "published", "\(level) \(row["period"] as String): \(value) is not INSEE's")
                    #expect(value != basin)
                } else {
                    #expect(["insufficient-coverage", "missing"].contains(row["status"] as String))
                }
            }
        }
        let france = try #require(try sandbox.rows("""
            SELECT * FROM v_indicator_values WHERE indicator_id = 'population' AND territory = 'FR' AND period = '2021'
            """).first)
        #expect(france["status"] == "insufficient-coverage")
        #expect(france["unpublished_value"] == basin, "kept, not shown")
        #expect(france["territory_communes"] == 330)
        #expect(france["territory_communes_expected"] == 34_918, "the régions' communes of the populations légales 2022")
        // The département INSEE publishes, for 2022.
        #expect(try sandbox.scalar("""
            SELECT value FROM v_indicator_values WHERE indicator_id = 'population' AND territory = 'DEP:62' AND period = '2022'
            """) == 1_460_184.0)
    }

    @Test("the MEL, 5 of its 95 communes, has coverage 5/95 and no aggregate published as complete")
    func metropoleEuropeenneDeLille() throws {
        let sandbox = try DemoWarehouse.shared.get()
        let mel = "EPCI:200093201"
        let completeness = try #require(try sandbox.rows("SELECT * FROM v_territory_completeness WHERE territory = ?", [mel]).first)
        #expect(completeness["communes"] == 5 && completeness["communes_expected"] == 95)
        #expect(completeness["communes_basis"] == "EPCI list insee-epci-2024.csv")
        let population = try #require(try sandbox.rows("""
            SELECT * FROM v_indicator_values WHERE indicator_id = 'population' AND territory = ? AND period = '2021'
            """, [mel]).first)
        #expect((population["coverage"] as Double?).map { abs($0 - 5.0 / 95) < 1e-12 } == true)
        #expect(population["status"] == "insufficient-coverage")
        let published: Int? = try sandbox.scalar("""
            SELECT count(*) FROM v_indicator_values WHERE territory = ? AND (status = 'ok' OR coverage = 1)
            """, [mel])
        #expect(published == 0)
        let (portrait, markdown) = try portrait(mel)
        #expect(portrait.entries.allSatisfy { $0.subject.value == nil })
        #expect(markdown.contains("couverture insuffisante"))
    }

    @Test("a DPE share of one diagnostic is not a fact: small-count, not shown, not ranked, not a specificity")
    func oneDiagnostic() throws {
        let sandbox = try DemoWarehouse.shared.get()
        let lens = try #require(try sandbox.rows("""
            SELECT * FROM v_indicator_values WHERE indicator_id = 'part_dpe_fg' AND territory = 'COM:62498' AND period = '2024'
            """).first)
        #expect(lens["denominator"] == 1.0)
        #expect(lens["status"] == "small-count")
        #expect(lens["value"] as Double? == nil)
        #expect([0.0, 100.0].contains(lens["unpublished_value"] as Double? ?? -1))
        let (portrait, markdown) = try portrait("COM:62498")
        let entry = try #require(portrait.entries.first { $0.indicator.id == "part_dpe_fg" })
        #expect(entry.subject.value == nil && entry.rank == nil && entry.specificity == nil && !entry.highlighted)
        #expect(markdown.contains("effectif trop faible"))
        let line = try #require(markdown.split(separator: "\n").first { $0.hasPrefix("| Part des DPE classés F ou G") })
        #expect(line.contains("| 2024 | ef |"))
        // Nor among the peers ranked for another commune.
        let peers: Int? = try sandbox.scalar("""
            SELECT count(*) FROM indicator_values WHERE indicator_id = 'part_dpe_fg' AND status = 'ok' AND denominator < 11
            """)
        #expect(peers == 0)
    }

    @Test("Pévèle-Carembault's poverty rate says next to it how much of it is imputed")
    func estimatedShareBesideTheValue() throws {
        let sandbox = try DemoWarehouse.shared.get()
        let share: Double = try #require(try sandbox.scalar("""
            SELECT estimated_share FROM v_indicator_values WHERE indicator_id = 'taux_pauvrete' AND territory = 'EPCI:200041960' AND period = '2021'
            """))
        #expect(share > 0.5 && share < 0.52)
        let (_, markdown) = try portrait("EPCI:200041960")
        let line = try #require(markdown.split(separator: "\n").first { $0.hasPrefix("| Taux de pauvreté au seuil de 60 %") })
        #expect(line.contains("| 2021 | 7,4\u{00A0}% · 51\u{00A0}% estimé"))
        #expect(markdown.contains("dont 51\u{00A0}% du poids estimé (imputé ou extrapolé)"))
    }

    @Test("every method and flag of the demo reads in French in what is handed over")
    func methodsInFrench() throws {
        let sandbox = try DemoWarehouse.shared.get()
        let methods: [String] = try sandbox.lines("""
            SELECT method FROM indicator_methods UNION SELECT flags FROM indicator_values WHERE flags IS NOT NULL
            """)
        #expect(methods.count > 20)
        let english = ["sum", "over", "ratio", "weight", "published", "estimate", "coverage", "below", "secret communes", "left out",
                       "imputed", "of its", "with data", "denominator,", "under", "median", "interpolated", "known issue", "classes,"]
        for method in methods {
            let french = MethodLabel.french(method)
            #expect(!english.contains { french.contains($0) }, "\(method) → \(french)")
        }
        #expect(MethodLabel.french("weighted_mean by NBPERSMENFISC21, estimate, 51 % of the weight imputed from MED21")
            == "moyenne pondérée par NBPERSMENFISC21, estimation, 51 % du poids imputé d'après MED21")
    }
}
