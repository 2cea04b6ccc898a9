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
        /// A median published (or counted) at the commune as `value`, and above it the
        /// median of the communes' values counted by class (`classes`), which add up where
        /// medians do not: interpolated within its class, so always an estimate.
        case groupedMedian = "grouped_median"
    }

    /// `grouped_median`: the variables counting the values of each class, `[0, width)`,
    /// `[width, 2 × width)` … and the last one open, `[open_from, ∞)`.
    public struct Classes: Sendable, Decodable, Equatable {
        /// The code of one class's count, `{lower}` standing for its lower bound
        /// (`DPE{yy}_CONSO_EP_C{lower}` is `DPE23_CONSO_EP_C250` for 250 to 260).
        public var variable: String
        public var width: Double
        public var openFrom: Double

        enum CodingKeys: String, CodingKey {
            case variable, width
            case openFrom = "open_from"
        }

        public init(variable: String, width: Double, openFrom: Double) {
            self.variable = variable
            self.width = width
            self.openFrom = openFrom
        }

        /// Lower bounds of the classes, the open one last.
        public var lowerBounds: [Double] {
            guard width > 0, openFrom >= 0 else { return [] }
            return (0...Int((openFrom / width).rounded())).map { Double($0) * width }
        }

        /// The variable code of each class, in the order of `lowerBounds`.
        public var codes: [String] {
            lowerBounds.map { variable.replacingOccurrences(of: "{lower}", with: IndicatorDefinition.format($0)) }
        }

        /// The median of values counted by class (`counts` in the order of `lowerBounds`),
        /// assuming them spread evenly within their class; nil when there are none or when
        /// the median falls in the open class, which has no upper bound to interpolate to.
        public func median(of counts: [Double]) -> Double? {
            let total = counts.reduce(0, +)
            guard total > 0 else { return nil }
            var below = 0.0
            for (index, count) in counts.enumerated() {
                if count > 0, below + count >= total / 2 {
                    guard index < counts.count - 1 else { return nil }
                    return Double(index) * width + (total / 2 - below) / count * width
                }
                below += count
            }
            return nil
        }
    }

    /// Whether a value that only part of the territory's communes contributed to is an estimate.
    public enum PartialCoverage: String, Sendable, Decodable, CaseIterable {
        /// The default: a commune without the variables is unknown, so the value is an estimate.
        case estimate
        /// A commune without the variables has none of what is counted (no diagnostic in
        /// that year) when the data reach its département (have any of its communes): the
        /// value is complete, whatever its coverage. Communes of a département the data do
        /// not reach, and communes present with a missing or secret value, still make it an
        /// estimate: a file of one département says nothing of the others.
        case exact
    }

    /// An estimate of a non-aggregable indicator above the commune.
    public struct Estimate: Sendable, Decodable, Equatable {
        public enum Method: String, Sendable, Decodable {
            /// Mean of the published commune values weighted by `weight`; secret communes left out.
            case weightedMean = "weighted_mean"
            /// The same, with the secret communes' values imputed from `predictor` (see `ImputationModel`).
            case imputedFromPredictor = "imputed_from_predictor"
        }

        public var method: Method
        public var weight: String
        /// `imputed_from_predictor`: a variable still published where the value is secret (the median).
        public var predictor: String?
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
    /// Share of the territory's full membership (weighted by population) below which a
    /// derived value is kept but not published (`insufficient-coverage`); 0.9 when not given.
    public var minCoverage: Double?
    /// `ratio`, `grouped_median`: the smallest denominator (the count a share or a median
    /// is taken over) for which a value is a fact; under it the status is `small-count`, the
    /// value kept but not published, ranked or compared. 0 for a denominator that is not a
    /// count (an area). Every such indicator declares one, or its theme file does.
    public var minDenominator: Double?
    /// `annual_growth`: the shortest span in years (five for the rolling census).
    public var minYears: Int?
    /// `annual_growth`: births minus deaths between the two censuses, as signed terms;
    /// `{start}` is the two-digit start year, `{last}` the year before the end census
    /// (`NAIS{start}{last}` is `NAIS1520` for 2015–2021, as in INSEE's dossier complet).
    public var naturalBalance: [String]?
    /// `annual_growth`: the whole change (default), or the part due to the natural
    /// balance or to apparent migration (the rest).
    public var component: GrowthComponent?

    /// Which part of a population change an `annual_growth` indicator measures.
    public enum GrowthComponent: String, Sendable, Decodable, CaseIterable {
        case total
        /// (births − deaths) / (years × mean population) × 100.
        case natural
        /// The total rate minus the part due to the natural balance.
        case migration
    }
    /// Sources whose variables may be used; any source when absent.
    public var sources: [String]?
    /// A term a territory lacks counts as zero, as long as it has the denominator (counts
    /// written only when not zero, like the energy labels of a commune's diagnostics).
    public var absentIsZero: Bool?
    /// `grouped_median`: the class counts.
    public var classes: Classes?
    /// `estimate` when not given.
    public var partialCoverage: PartialCoverage?
    /// Digits after the decimal separator in workbooks and tables; by unit when not given
    /// (see `displayDecimals`).
    public var decimals: Int?
    /// Data-quality rule: the values that make sense; a value outside is an alert (a poverty
    /// rate of 250). A share in `%` lies in 0…100 when not given (see `plausibleRange`).
    public var plausible: Plausible?
    /// Data-quality rule: the largest change per year between two periods of a territory,
    /// relative (0.2: 20 % a year); more is an alert (a population that halves).
    public var maxYearlyChange: Double?
    /// The relative change between two computes under which a value counts as unchanged in
    /// run summaries and `diff`; 0.001 (0.1 %) when not given.
    public var tolerance: Double?

    /// Bounds of plausible values, either optional.
    public struct Plausible: Sendable, Decodable, Equatable {
        public var min: Double?
        public var max: Double?

        public init(min: Double?, max: Double?) {
            self.min = min
            self.max = max
        }
    }
    public var notes: String?

    enum CodingKeys: String, CodingKey {
        case id, label, theme, unit, aggregation, value, numerator, denominator, scale, weight, estimate, sources, notes, classes, decimals
        case partialCoverage = "partial_coverage"
        case minCoverage = "min_coverage"
        case minDenominator = "min_denominator"
        case plausible
        case maxYearlyChange = "max_yearly_change"
        case tolerance
        case minYears = "min_years"
        case naturalBalance = "natural_balance"
        case absentIsZero = "absent_is_zero"
        case component
    }

    /// The decimals declared, else those of its unit: counts (stocks), euros and densities
    /// whole; growth rates and household sizes two; other rates and ratios one.
    public var displayDecimals: Int {
        if let decimals { return decimals }
        if aggregation == .stock { return 0 }
        switch unit {
        case "€", "hab./km²": return 0
        case "% par an", "personnes": return 2
        default: return 1
        }
    }

    /// The plausible values declared, else 0…100 for a share in `%`.
    public var plausibleRange: Plausible? {
        plausible ?? (unit == "%" ? Plausible(min: 0, max: 100) : nil)
    }

    /// The tolerance declared, else 0.1 %.
    public var changeTolerance: Double { tolerance ?? 0.001 }

    /// Whether the value is taken over a count that can be too small to be a fact.
    public var takesMinDenominator: Bool { aggregation == .ratio || aggregation == .groupedMedian }

    /// Every variable code the definition names, signs removed.
    public var variables: [String] {
        ([value, weight, estimate?.weight, estimate?.predictor, classes?.variable].compactMap { $0 } + (numerator ?? [])
            + (denominator ?? []) + (naturalBalance ?? []))
            .map { $0.hasPrefix("-") ? String($0.dropFirst()) : $0 }
    }

    /// The variables this indicator may read, for any year or class (`P{yy}_POP`).
    public var variablePatterns: [VariablePattern] {
        (variables + (classes?.codes ?? [])).map(VariablePattern.init)
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
            let estimate = self.estimate.map { estimate in
                let imputed = estimate.predictor.map { ", secret communes imputed from \($0)" } ?? ""
                return "; above the commune, estimated by weighted_mean weighted by \(estimate.weight)\(imputed)"
            } ?? ""
            return "\(value ?? "?") as published\(estimate)"
        case .groupedMedian:
            let classes = self.classes.map {
                "Σ \($0.variable) (classes of \(Self.format($0.width)) from 0, open from \(Self.format($0.openFrom)))"
            } ?? "?"
            return "\(value ?? "?") as published; above the commune, the median of \(classes), interpolated within its class"
        case .annualGrowth:
            let total = "((\(value ?? "?") end / \(value ?? "?") start)^(1 / years) − 1) × 100"
            let natural = "Σ (\(terms(naturalBalance))) / (years × mean of \(value ?? "?") start and end) × 100"
            switch component ?? .total {
            case .total: return total
            case .natural: return natural
            case .migration: return "\(total) − \(natural)"
            }
        }
    }

    public static func format(_ number: Double) -> String {
        number == number.rounded() ? String(Int(number)) : String(number)
    }
}
