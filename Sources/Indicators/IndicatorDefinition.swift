import Foundation

/// One indicator as declared in `pipelines/indicators/*.yaml`: what it measures, from
/// which variables, and how it may be carried from communes to larger territories.
///
/// Variable codes may hold `{yy}`, the two-digit year of INSEE's codes (`P{yy}_POP` is
/// `P21_POP` for 2021): the indicator is computed for every year the loaded data has.
public struct IndicatorDefinition: Sendable, Decodable, Equatable {
    /// How values of larger territories are obtained.
    public enum Aggregation: String, Sendable, Decodable, CaseIterable {
        /// A count: the sum of the communes' values.
        case stock
        /// Σ numerator / Σ denominator × scale, never a mean of commune ratios.
        case ratio
        /// Mean of the communes' values weighted by `weight`: always an estimate.
        case weightedMean = "weighted_mean"
        /// Medians, deciles, published rates: only where a source publishes them, or by
        /// the `estimate` method when one is declared.
        case nonAggregable = "non_aggregable"
        /// Average annual rate of change of `value` between two census years.
        case annualGrowth = "annual_growth"
    }

    /// An estimate of a non-aggregable indicator above the commune.
    public struct Estimate: Sendable, Decodable, Equatable {
        public var method: String
        public var weight: String
    }

    public var id: String
    public var label: String
    /// Filled from the file's `theme:` when the indicator does not give one.
    public var theme: String?
    public var unit: String
    public var aggregation: Aggregation
    /// `stock`, `weighted_mean`, `non_aggregable`, `annual_growth`: the variable.
    public var value: String?
    /// `ratio`: terms summed; a leading `-` subtracts (`[P{yy}_RP, -P{yy}_RP_VOIT1P]`).
    public var numerator: [String]?
    public var denominator: [String]?
    public var scale: Double?
    /// `weighted_mean`: the weight variable.
    public var weight: String?
    public var estimate: Estimate?
    /// Share of the population (of communes with data) below which a derived value is
    /// `missing`; 0.9 when not given.
    public var minCoverage: Double?
    /// `annual_growth`: the shortest span in years (five for the rolling census).
    public var minYears: Int?
    /// Sources whose variables may be used; any source when absent.
    public var sources: [String]?
    public var notes: String?

    enum CodingKeys: String, CodingKey {
        case id, label, theme, unit, aggregation, value, numerator, denominator, scale, weight, estimate, sources, notes
        case minCoverage = "min_coverage"
        case minYears = "min_years"
    }

    /// Every variable code the definition names, signs removed.
    public var variables: [String] {
        ([value, weight, estimate?.weight].compactMap { $0 } + (numerator ?? []) + (denominator ?? []))
            .map { $0.hasPrefix("-") ? String($0.dropFirst()) : $0 }
    }

    /// The formula in words, for `indicators show` and the catalogue.
    public var formula: String {
        func terms(_ list: [String]?) -> String {
            (list ?? []).enumerated().map { index, term in
                term.hasPrefix("-") ? " − \(term.dropFirst())" : (index == 0 ? term : " + \(term)")
            }.joined()
        }
        let scaled = scale.map { $0 == 1 ? "" : " × \(Self.format($0))" } ?? ""
        switch aggregation {
        case .stock: return "Σ \(value ?? "?")"
        case .ratio: return "Σ (\(terms(numerator))) / Σ (\(terms(denominator)))\(scaled)"
        case .weightedMean: return "Σ (\(value ?? "?") × \(weight ?? "?")) / Σ \(weight ?? "?")"
        case .nonAggregable:
            let estimate = self.estimate.map { "; above the commune, estimated by \($0.method) weighted by \($0.weight)" } ?? ""
            return "\(value ?? "?") as published\(estimate)"
        case .annualGrowth: return "((\(value ?? "?") end / \(value ?? "?") start)^(1 / years) − 1) × 100"
        }
    }

    static func format(_ number: Double) -> String {
        number == number.rounded() ? String(Int(number)) : String(number)
    }
}
