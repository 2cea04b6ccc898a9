import Core
import Foundation
import Yams

/// The indicators declared under `pipelines/indicators/`, checked when loaded.
public struct IndicatorCatalog: Sendable {
    public let indicators: [IndicatorDefinition]
    public let directory: String

    /// One file per theme: `theme:`, the `min_denominator:` of its ratios and medians that
    /// do not declare their own, and a list under `indicators:`.
    private struct ThemeFile: Decodable {
        var theme: String
        var minDenominator: Double?
        var indicators: [IndicatorDefinition]

        enum CodingKeys: String, CodingKey {
            case theme, indicators
            case minDenominator = "min_denominator"
        }
    }

    public init(directory: String) throws {
        self.directory = directory
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw ObservatoireError(.indicator, "cannot list indicator definitions: \(error.localizedDescription); pass --pipelines DIR", path: directory)
        }
        var indicators: [IndicatorDefinition] = []
        for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            let path = URL(fileURLWithPath: directory).appendingPathComponent(name).path
            let file: ThemeFile
            do {
                file = try YAMLDecoder().decode(ThemeFile.self, from: try String(contentsOfFile: path, encoding: .utf8))
            } catch {
                throw ObservatoireError(.indicator, "cannot read these indicator definitions: \(error)", path: path)
            }
            for var indicator in file.indicators {
                indicator.theme = indicator.theme ?? file.theme
                if indicator.takesMinDenominator { indicator.minDenominator = indicator.minDenominator ?? file.minDenominator }
                try Self.validate(indicator, path: path)
                if indicators.contains(where: { $0.id == indicator.id }) {
                    throw ObservatoireError(.indicator, "indicator id '\(indicator.id)' is defined twice", path: path)
                }
                indicators.append(indicator)
            }
        }
        self.indicators = indicators
    }

    public init(indicators: [IndicatorDefinition]) {
        self.indicators = indicators
        directory = "(memory)"
    }

    public func indicator(id: String) throws -> IndicatorDefinition {
        guard let found = indicators.first(where: { $0.id == id }) else {
            let close = indicators.map(\.id).filter { $0.contains(id) || id.contains($0) }
            let hint = close.isEmpty ? "`observatoire indicators list` shows them" : "did you mean \(close.joined(separator: ", "))?"
            throw ObservatoireError(.indicator, "no indicator '\(id)'; \(hint)", path: directory)
        }
        return found
    }

    private static func validate(_ indicator: IndicatorDefinition, path: String) throws {
        func fail(_ message: String) -> ObservatoireError { ObservatoireError(.indicator, "indicator \(indicator.id): \(message)", path: path) }
        guard indicator.id.range(of: "^[a-z0-9][a-z0-9_]*$", options: .regularExpression) != nil else {
            throw fail("the id must be lower-case letters, digits and underscores")
        }
        switch indicator.aggregation {
        case .ratio:
            guard !(indicator.numerator ?? []).isEmpty, !(indicator.denominator ?? []).isEmpty else {
                throw fail("a ratio needs numerator: and denominator:")
            }
        case .weightedMean:
            guard indicator.value != nil, indicator.weight != nil else { throw fail("a weighted_mean needs value: and weight:") }
        case .stock, .nonAggregable, .annualGrowth:
            guard indicator.value != nil else { throw fail("\(indicator.aggregation.rawValue) needs value:") }
        case .groupedMedian:
            guard indicator.value != nil, let classes = indicator.classes else { throw fail("a grouped_median needs value: and classes:") }
            guard classes.variable.contains("{lower}") else {
                throw fail("classes: variable '\(classes.variable)' must hold {lower}, the lower bound of each class")
            }
            guard classes.width > 0, classes.openFrom > 0,
                  abs(classes.openFrom / classes.width - (classes.openFrom / classes.width).rounded()) < 1e-9 else {
                throw fail("classes: width must be above 0 and open_from a multiple of it")
            }
        }
        if indicator.classes != nil, indicator.aggregation != .groupedMedian {
            throw fail("classes: belong to grouped_median indicators")
        }
        if let estimate = indicator.estimate, (estimate.method == .imputedFromPredictor) != (estimate.predictor != nil) {
            throw fail("estimate method imputed_from_predictor needs predictor:, and only it takes one")
        }
        if indicator.aggregation == .annualGrowth {
            if let years = indicator.minYears, years < 5, indicator.value?.contains("{yy}") == true {
                throw fail("census years less than five years apart are not comparable (rolling census): min_years must be 5 or more")
            }
            if (indicator.component ?? .total) != .total, indicator.naturalBalance?.isEmpty ?? true {
                throw fail("component \(indicator.component!.rawValue) needs natural_balance: (births and deaths between the censuses)")
            }
        } else if indicator.naturalBalance != nil || indicator.component != nil || indicator.minYears != nil {
            throw fail("natural_balance:, component: and min_years: belong to annual_growth indicators")
        }
        if indicator.takesMinDenominator {
            guard let minimum = indicator.minDenominator, minimum >= 0 else {
                throw fail("a \(indicator.aggregation.rawValue) needs min_denominator: (or its theme file's), the smallest count it is a fact over (0 when the denominator is not a count)")
            }
        } else if indicator.minDenominator != nil {
            throw fail("min_denominator: belongs to ratio and grouped_median indicators")
        }
        if let plausible = indicator.plausible, let low = plausible.min, let high = plausible.max, low > high {
            throw fail("plausible: min \(low) is above max \(high)")
        }
        if let change = indicator.maxYearlyChange, !(change > 0) {
            throw fail("max_yearly_change is a relative change per year above 0 (0.2 for 20 % a year), not \(change)")
        }
        if let tolerance = indicator.tolerance, !(tolerance >= 0) {
            throw fail("tolerance is a relative change of 0 or more (0.001 for 0.1 %), not \(tolerance)")
        }
        if let decimals = indicator.decimals, !(0...6).contains(decimals) {
            throw fail("decimals is a number of digits from 0 to 6, not \(decimals)")
        }
        if let coverage = indicator.minCoverage, !(0...1).contains(coverage) {
            throw fail("min_coverage is a share between 0 and 1, not \(coverage)")
        }
        for code in indicator.variables.map({ $0.replacingOccurrences(of: "{lower}", with: "0") })
            where code.range(of: "^[A-Za-z0-9_]*(\\{yy\\})?[A-Za-z0-9_]*$", options: .regularExpression) == nil && !code.contains("{start}") {
            throw fail("'\(code)' is not a variable code (letters, digits, _ and at most one {yy})")
        }
        for term in indicator.naturalBalance ?? [] where term.range(of: "^-?[A-Za-z0-9_]*\\{start\\}\\{last\\}[A-Za-z0-9_]*$", options: .regularExpression) == nil {
            throw fail("natural_balance term '\(term)' must hold {start}{last} (NAIS{start}{last}, -DECE{start}{last})")
        }
    }
}
