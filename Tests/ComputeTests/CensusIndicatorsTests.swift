import Foundation
import GRDB
import Indicators
import Ingest
import TestSupport
import Testing

/// Every census-based indicator of the catalogue on a fixture in the layout of INSEE's
/// bases communales / dossier complet (CODGEO; P21_…; C21_…; SUPERF), checked against the
/// formula applied to the fixture independently of the engine.
struct CensusIndicatorsTests {
    /// Every census variable the catalogue uses, for 2015 and 2021.
    static let variables = ["C{yy}_POP15P", "C{yy}_POP15P_CS3", "C{yy}_POP15P_CS6", "C{yy}_POP15P_CS7", "P{yy}_ACT1524", "P{yy}_ACT1564",
                            "P{yy}_ACTOCC1564", "P{yy}_ACTOCC15P", "P{yy}_APPART", "P{yy}_CHOM1524", "P{yy}_CHOM1564", "P{yy}_LOG",
                            "P{yy}_LOGVAC", "P{yy}_MAISON", "P{yy}_MEN", "P{yy}_NSCOL15P", "P{yy}_NSCOL15P_DIPLMIN",
                            "P{yy}_NSCOL15P_SUP2", "P{yy}_NSCOL15P_SUP34", "P{yy}_NSCOL15P_SUP5", "P{yy}_PMEN", "P{yy}_POP",
                            "P{yy}_POP0014", "P{yy}_POP1519", "P{yy}_POP1529", "P{yy}_POP1564", "P{yy}_POP6579",
                            "P{yy}_POP6579_PSEUL", "P{yy}_POP7589", "P{yy}_POP80P", "P{yy}_POP80P_PSEUL", "P{yy}_POP90P", "P{yy}_RP",
                            "P{yy}_RP_ACH19", "P{yy}_RP_ACH45", "P{yy}_RP_ACH70", "P{yy}_RP_ACHTOT", "P{yy}_RP_LOC",
                            "P{yy}_RP_LOCHLMV", "P{yy}_RP_PROP", "P{yy}_RP_VOIT1P", "P{yy}_RSECOCC", "P{yy}_SAL15P"]

    /// A deterministic, plausible value for each variable of each commune.
    static func value(_ column: String, commune: Int) -> Double {
        let seed = column.unicodeScalars.reduce(0) { ($0 * 31 + Int($1.value)) % 997 }
        return Double(50 + (seed * (commune + 3)) % 400)
    }

    static let communes = [(code: "62001", index: 1), (code: "62003", index: 2)]

    static func fixture() -> (text: String, values: [String: [String: Double]]) {
        let columns = variables.flatMap { [$0.replacingOccurrences(of: "{yy}", with: "21"), $0.replacingOccurrences(of: "{yy}", with: "15")] }
            + ["SUPERF", "NAIS1520", "DECE1520"]
        var values: [String: [String: Double]] = [:]
        var text = "CODGEO;" + columns.joined(separator: ";") + "\n"
        for commune in communes {
            var row = [commune.code]
            for column in columns {
                let number = value(column, commune: commune.index)
                values[commune.code, default: [:]][column] = number
                // One secret cell: HLM of Alpha.
                row.append(commune.code == "62001" && column == "P21_RP_LOCHLMV" ? "s" : String(Int(number)))
            }
            text += row.joined(separator: ";") + "\n"
        }
        return (text, values)
    }

    @Test func everyCensusIndicatorMatchesItsFormula() throws {
        let sandbox = try Sandbox()
        try sandbox.loadFixtureGeography()
        let fixture = Self.fixture()
        let path = try sandbox.write("base-cc-dossier-2021.csv", fixture.text)
        #expect(try sandbox.ingest(path, IngestOptions(geographyOfInput: 2024)).status == .loaded)
        try sandbox.normalise(2024)
        try sandbox.compute()
        let catalog = try IndicatorCatalog(directory: packageRoot.appendingPathComponent("pipelines/indicators").path)
        let census = catalog.indicators.filter { $0.variables.contains { $0.hasPrefix("P{yy}") || $0.hasPrefix("C{yy}") } }
        #expect(census.count >= 25)
        func term(_ code: String, _ commune: [String: Double]) -> Double {
            let sign = code.hasPrefix("-") ? -1.0 : 1.0
            return sign * commune[code.trimmingCharacters(in: CharacterSet(charactersIn: "-")).replacingOccurrences(of: "{yy}", with: "21")]!
        }
        for indicator in census {
            let commune = fixture.values["62003"]!
            let expected: Double
            switch indicator.aggregation {
            case .ratio:
                let numerator = indicator.numerator!.map { term($0, commune) }.reduce(0, +)
                let denominator = indicator.denominator!.map { term($0, commune) }.reduce(0, +)
                expected = numerator / denominator * (indicator.scale ?? 1)
            case .stock:
                expected = term(indicator.value!, commune)
            case .annualGrowth:
                let start = commune[indicator.value!.replacingOccurrences(of: "{yy}", with: "15")]!
                let end = commune[indicator.value!.replacingOccurrences(of: "{yy}", with: "21")]!
                let total = (pow(end / start, 1.0 / 6.0) - 1) * 100
                let natural = (commune["NAIS1520"]! - commune["DECE1520"]!) / (6 * (start + end) / 2) * 100
                expected = switch indicator.component ?? .total {
                case .total: total
                case .natural: natural
                case .migration: total - natural
                }
            case .weightedMean, .nonAggregable, .groupedMedian:
                continue
            }
            let period = indicator.aggregation == .annualGrowth ? "2015-2021" : "2021"
            let stored: Double? = try sandbox.scalar("""
                SELECT value FROM indicator_values WHERE indicator_id = ? AND territory = 'COM:62003' AND period = ?
                """, [indicator.id, period])
            #expect(stored.map { abs($0 - expected) < 1e-9 * max(1, abs(expected)) } == true, "\(indicator.id): \(String(describing: stored)) vs \(expected)")
        }
        // The secret cell makes Alpha's HLM share secret, and the département's too
        // (one secret commune would be given away by subtraction); other indicators stand.
        #expect(try sandbox.scalar("SELECT status FROM indicator_values WHERE indicator_id = 'part_hlm' AND territory = 'COM:62001' AND period = '2021'") == "secret")
        #expect(try sandbox.scalar("SELECT status FROM indicator_values WHERE indicator_id = 'part_hlm' AND territory = 'DEP:62' AND period = '2021'") == "secret")
        #expect(try sandbox.scalar("SELECT status FROM indicator_values WHERE indicator_id = 'part_proprietaires' AND territory = 'DEP:62' AND period = '2021'") == "ok")
    }
}
