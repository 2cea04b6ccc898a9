import Core
import Foundation
import Indicators
import Testing

struct IndicatorCatalogTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static func catalog() throws -> IndicatorCatalog {
        try IndicatorCatalog(directory: root.appendingPathComponent("pipelines/indicators").path)
    }

    @Test func theShippedCatalogueHasEveryIndicatorThePortraitUses() throws {
        let ids = Set(try Self.catalog().indicators.map(\.id))
        #expect(ids.count >= 35)
        let required = ["population", "densite", "evolution_population_annuelle", "part_moins_15_ans", "part_65_ans_plus",
                        "taille_moyenne_menages", "taux_activite_15_64", "taux_chomage_15_64", "taux_chomage_15_24",
                        "part_sans_diplome", "part_menages_sans_voiture", "part_logements_vacants", "part_residences_secondaires",
                        "part_maisons", "part_proprietaires", "part_hlm", "part_rp_avant_1946", "niveau_vie_median",
                        "taux_pauvrete", "taux_pauvrete_moins_30_ans", "taux_pauvrete_75_ans_plus", "decile_1", "decile_9",
                        "rapport_interdecile", "part_prestations_sociales", "part_revenus_activite", "nombre_menages_fiscaux"]
        #expect(required.filter { !ids.contains($0) } == [])
    }

    @Test func theCatalogueDocumentIsUpToDate() throws {
        let committed = try String(contentsOf: Self.root.appendingPathComponent("docs/indicators.md"), encoding: .utf8)
        #expect(committed == (try Self.catalog().markdown()), "regenerate with: swift run observatoire indicators catalogue > docs/indicators.md")
    }

    @Test func formulasReadAsTheyCompute() throws {
        let catalog = try Self.catalog()
        #expect(try catalog.indicator(id: "part_menages_sans_voiture").formula == "Σ (P{yy}_RP − P{yy}_RP_VOIT1P) / Σ (P{yy}_RP) × 100")
        #expect(try catalog.indicator(id: "taux_pauvrete").formula.contains("estimated by weighted_mean weighted by NBPERSMENFISC{yy}"))
        #expect(throws: ObservatoireError.self) { try catalog.indicator(id: "taux_pauvret") }
    }

    @Test(arguments: [
        ("id: bad\n    label: x\n    unit: '%'\n    aggregation: ratio\n    numerator: [A]", "a ratio needs numerator: and denominator:"),
        ("id: Bad-Id\n    label: x\n    unit: '%'\n    aggregation: stock\n    value: A", "lower-case letters, digits and underscores"),
        ("id: bad\n    label: x\n    unit: '%'\n    aggregation: stock\n    value: A B", "is not a variable code"),
        ("id: bad\n    label: x\n    unit: '%'\n    aggregation: stock\n    value: A\n    min_coverage: 2", "min_coverage is a share"),
        ("id: bad\n    label: x\n    unit: '%'\n    aggregation: annual_growth\n    value: P{yy}_POP\n    min_years: 3", "not comparable (rolling census)"),
        ("id: bad\n    label: x\n    unit: '%'\n    aggregation: annual_growth\n    value: P{yy}_POP\n    component: natural", "needs natural_balance:"),
        ("id: bad\n    label: x\n    unit: '%'\n    aggregation: annual_growth\n    value: P{yy}_POP\n    natural_balance: [NAIS]\n    component: natural", "must hold {start}{last}"),
        ("id: bad\n    label: x\n    unit: '%'\n    aggregation: stock\n    value: A\n    min_years: 5", "belong to annual_growth"),
        ("id: bad\n    label: x\n    unit: '%'\n    aggregation: non_aggregable\n    value: A\n    estimate: { method: imputed_from_predictor, weight: W }", "needs predictor:"),
        ("id: bad\n    label: x\n    unit: u\n    aggregation: grouped_median\n    value: MED", "needs value: and classes:"),
        ("id: bad\n    label: x\n    unit: u\n    aggregation: grouped_median\n    value: MED\n    classes: { variable: C, width: 10, open_from: 800 }", "must hold {lower}"),
        ("id: bad\n    label: x\n    unit: u\n    aggregation: grouped_median\n    value: MED\n    classes: { variable: 'C{lower}', width: 10, open_from: 805 }", "a multiple of it"),
        ("id: bad\n    label: x\n    unit: u\n    aggregation: stock\n    value: N\n    classes: { variable: 'C{lower}', width: 10, open_from: 800 }", "belong to grouped_median"),
        ("id: bad\n    label: x\n    unit: u\n    aggregation: stock\n    value: N\n    partial_coverage: complete", "cannot read these indicator definitions"),
    ])
    func invalidDefinitionsAreRefusedWithTheirReason(definition: String, reason: String) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("indicators-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try "theme: Test\nindicators:\n  - \(definition)\n".write(to: directory.appendingPathComponent("t.yaml"), atomically: true, encoding: .utf8)
        do {
            _ = try IndicatorCatalog(directory: directory.path)
            Issue.record("accepted an invalid definition")
        } catch let error as ObservatoireError {
            #expect(error.message.contains(reason), "\(error)")
            #expect(error.path?.hasSuffix("t.yaml") == true)
        }
    }

    /// The median of values counted by class, spread evenly within their class.
    @Test func groupedMediansInterpolateWithinTheMiddleClass() {
        let classes = IndicatorDefinition.Classes(variable: "C{lower}", width: 10, openFrom: 20)
        #expect(classes.codes == ["C0", "C10", "C20"])
        #expect(classes.median(of: [0, 4, 0]) == 15)
        #expect(classes.median(of: [1, 1, 0]) == 10)
        #expect(classes.median(of: [1, 3, 0]).map { abs($0 - (10 + 10.0 / 3)) < 1e-12 } == true)
        #expect(classes.median(of: [1, 0, 3]) == nil, "in the open class: no upper bound")
        #expect(classes.median(of: [0, 0, 0]) == nil)
    }

    @Test func theEnergyCatalogueCoversEveryBreakdownAndMeasure() throws {
        let ids = Set(try Self.catalog().indicators.map(\.id))
        for breakdown in ["", "_maisons", "_appartements", "_immeubles", "_avant_1948", "_1948_1974", "_1975_2000", "_2001_2012", "_apres_2012"] {
            for measure in ["nombre_dpe", "part_dpe_efg", "part_dpe_fg", "part_dpe_ab", "conso_energie_primaire_mediane_dpe"] {
                #expect(ids.contains(measure + breakdown), "\(measure + breakdown)")
            }
        }
        let energy = try Self.catalog().indicators.filter { $0.theme == "Rénovation et énergie" }
        #expect(energy.count == 45)
        #expect(energy.allSatisfy { $0.partialCoverage == .exact })
        #expect(energy.filter { $0.aggregation == .groupedMedian }.allSatisfy { $0.classes?.codes.count == 81 })
    }
}
