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
    /// Every census variable the catalogue uses.
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

    /// One release of the bases communales: its census year, the earlier census years it
    /// repeats (the 2022 bases hold P22, P16 and P11) and its births and deaths columns.
    struct Release: Sendable, CustomTestStringConvertible {
        let file: String
        let years: [String]
        let births: [String]
        var testDescription: String { file }
    }

    static let releases = [
        Release(file: "base-cc-dossier-2021.csv", years: ["21", "15"], births: ["NAIS1520", "DECE1520"]),
        // The layout of base-cc-evol-struct-pop-2022.CSV (`;`, CRLF), with the births and
        // deaths of the série historique 2022 for both periods.
        Release(file: "base-cc-evol-struct-pop-2022.CSV", years: ["22", "16", "11"],
                births: ["NAIS1621", "DECE1621", "NAIS1115", "DECE1115"]),
    ]

    static func fixture(_ release: Release) -> (text: String, values: [String: [String: Double]]) {
        let census = release.years[0]
        let columns = variables.flatMap { variable in release.years.map { variable.replacingOccurrences(of: "{yy}", with: $0) } }
            + ["SUPERF"] + release.births
        var values: [String: [String: Double]] = [:]
        var text = "CODGEO;" + columns.joined(separator: ";") + "\r\n"
        for commune in communes {
            var row = [commune.code]
            for column in columns {
                let number = value(column, commune: commune.index)
                values[commune.code, default: [:]][column] = number
                // One secret cell: HLM of Alpha.
                row.append(commune.code == "62001" && column == "P\(census)_RP_LOCHLMV" ? "s" : String(Int(number)))
            }
            text += row.joined(separator: ";") + "\r\n"
        }
        return (text, values)
    }

    @Test(arguments: releases)
    func everyCensusIndicatorMatchesItsFormula(release: Release) throws {
        let sandbox = try Sandbox()
        try sandbox.loadFixtureGeography()
        let fixture = Self.fixture(release)
        let path = try sandbox.write(release.file, fixture.text)
        #expect(try sandbox.ingest(path, IngestOptions(geographyOfInput: 2024)).status == .loaded)
        try sandbox.normalise(2024)
        try sandbox.compute()
        let catalog = try IndicatorCatalog(directory: packageRoot.appendingPathComponent("pipelines/indicators").path)
        let census = catalog.indicators.filter { $0.variables.contains { $0.hasPrefix("P{yy}") || $0.hasPrefix("C{yy}") } }
        #expect(census.count >= 25)
        let year = "20" + release.years[0]
        func term(_ code: String, _ commune: [String: Double], _ yy: String) -> Double {
            let sign = code.hasPrefix("-") ? -1.0 : 1.0
            return sign * commune[code.trimmingCharacters(in: CharacterSet(charactersIn: "-")).replacingOccurrences(of: "{yy}", with: yy)]!
        }
        // Each growth period of the release: from the census year back to the next year at
        // least five years before, and on from there.
        let growths = zip(release.years.dropFirst(), release.years).enumerated().map { index, pair in
            (start: pair.0, end: pair.1, births: release.births[2 * index], deaths: release.births[2 * index + 1])
        }
        for indicator in census {
            let commune = fixture.values["62003"]!
            var expected: [String: Double] = [:]
            switch indicator.aggregation {
            case .ratio:
                for yy in release.years {
                    let numerator = indicator.numerator!.map { term($0, commune, yy) }.reduce(0, +)
                    let denominator = indicator.denominator!.map { term($0, commune, yy) }.reduce(0, +)
                    expected["20" + yy] = numerator / denominator * (indicator.scale ?? 1)
                }
            case .stock:
                for yy in release.years { expected["20" + yy] = term(indicator.value!, commune, yy) }
            case .annualGrowth:
                for growth in growths {
                    let start = term(indicator.value!, commune, growth.start)
                    let end = term(indicator.value!, commune, growth.end)
                    let years = Double(Int(growth.end)! - Int(growth.start)!)
                    let total = (pow(end / start, 1.0 / years) - 1) * 100
                    let natural = (commune[growth.births]! - commune[growth.deaths]!) / (years * (start + end) / 2) * 100
                    expected["20\(growth.start)-20\(growth.end)"] = switch indicator.component ?? .total {
                    case .total: total
                    case .natural: natural
                    case .migration: total - natural
                    }
                }
            case .weightedMean, .nonAggregable, .groupedMedian:
                continue
            }
            let stored = try sandbox.rows("""
                SELECT period, value FROM indicator_values WHERE indicator_id = ? AND territory = 'COM:62003'
                """, [indicator.id])
            let values = Dictionary(uniqueKeysWithValues: stored.map { ($0["period"] as String, $0["value"] as Double?) })
            #expect(Set(values.keys) == Set(expected.keys), "\(indicator.id): periods \(values.keys.sorted())")
            for (period, value) in expected {
                #expect(values[period]??.isClose(to: value) == true, "\(indicator.id) \(period): \(String(describing: values[period])) vs \(value)")
            }
        }
        // The secret cell makes Alpha's HLM share secret, and the département's too
        // (one secret commune would be given away by subtraction); other indicators stand.
        #expect(try sandbox.scalar("SELECT status FROM indicator_values WHERE indicator_id = 'part_hlm' AND territory = 'COM:62001' AND period = ?", [year]) == "secret")
        #expect(try sandbox.scalar("SELECT status FROM indicator_values WHERE indicator_id = 'part_hlm' AND territory = 'DEP:62' AND period = ?", [year]) == "secret")
        #expect(try sandbox.scalar("SELECT status FROM indicator_values WHERE indicator_id = 'part_proprietaires' AND territory = 'DEP:62' AND period = ?", [year]) == "ok")
    }
}

private extension Double {
    func isClose(to other: Double) -> Bool { abs(self - other) < 1e-9 * Swift.max(1, abs(other)) }
}
