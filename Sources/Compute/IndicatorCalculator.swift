import Foundation
import Indicators

/// Computes one indicator for one period: the value of every territory that has its
/// components (communes, arrondissements, and larger territories a source publishes),
/// then the value of every larger territory from its communes.
///
/// Each territory is reduced to a few additive parts — the value of a stock, numerator
/// and denominator of a ratio, value × weight and weight of a weighted mean, start and
/// end of a growth — that are summed over communes and only then turned into a value,
/// so that a rate is never a mean of rates.
struct IndicatorCalculator: Sendable {
    let indicator: IndicatorDefinition
    let period: String
    /// Components by territory: one dictionary per part source (see `parts(of:)`).
    let components: [[String: Cell]]
    /// Number of years between the two values of an `annual_growth`.
    var years = 0
    /// Communes of each larger territory.
    let members: [String: [String]]
    /// Population of each commune, for coverage; communes absent count for one.
    let population: [String: Double]
    /// For `partial_coverage: exact`: the département of each commune (`DEP:62`), and the
    /// départements the files read reach (have observations of a commune in).
    var departements: [String: String] = [:]
    var reached: Set<String> = []

    /// The additive parts of one territory, and the worst status among them.
    struct Parts {
        var values: [Double]
        var status: String
        /// The weight of a commune whose secret value was imputed (0 otherwise).
        var imputedWeight = 0.0
        /// Known issues of the components.
        var flags: Set<String> = []
    }

    private var minCoverage: Double { indicator.minCoverage ?? 0.9 }

    /// Parts of a territory from its own components, with the known issues they carry.
    func parts(of territory: String, model: ImputationModel? = nil) -> Parts? {
        guard var parts = ownParts(of: territory, model: model) else { return nil }
        parts.flags = Set(components.flatMap { $0[territory]?.flags ?? [] })
        return parts
    }

    /// `model` imputes a secret value of a non-aggregable indicator for the aggregates
    /// (never for the commune's own value).
    private func ownParts(of territory: String, model: ImputationModel?) -> Parts? {
        switch indicator.aggregation {
        case .stock:
            return combine(components.map { $0[territory] })
        case .annualGrowth:
            // Start and end populations, then births − deaths when the indicator splits the change.
            guard var parts = combine(components.prefix(2).map { $0[territory] }) else { return nil }
            guard let natural = indicator.naturalBalance else { return parts }
            guard let balance = signedSum(natural, offset: 2, territory) else { return nil }
            parts.status = Self.worst(parts.status, balance.status)
            parts.values = parts.status == "ok" ? parts.values + balance.values : []
            return parts
        case .ratio:
            let numerator = signedSum(indicator.numerator ?? [], offset: 0, territory)
            let denominator = signedSum(indicator.denominator ?? [], offset: indicator.numerator?.count ?? 0, territory)
            guard let numerator, let denominator else { return nil }
            return Parts(values: numerator.values + denominator.values, status: Self.worst(numerator.status, denominator.status))
        case .groupedMedian:
            // The class counts (absent ones are zero); a territory with only its median has
            // no parts to add up, but still its own value.
            let classes = components.dropFirst().map { $0[territory] }
            guard classes.contains(where: { $0 != nil }) else {
                return components[0][territory].map { _ in Parts(values: [], status: "ok") }
            }
            let status = classes.compactMap { $0?.status }.reduce("ok", Self.worst)
            return Parts(values: status == "ok" ? classes.map { $0?.value ?? 0 } : [], status: status)
        case .weightedMean, .nonAggregable:
            guard let value = components[0][territory] else { return nil }
            guard components.count > 1, let weight = components[1][territory] else {
                return Parts(values: value.value.map { [$0] } ?? [], status: value.status)
            }
            if value.status == "secret", let model, weight.isOK, let w = weight.value,
               let predictor = components[2][territory], predictor.isOK,
               let imputed = model.rate(commune: territory, predictor: predictor.value!) {
                return Parts(values: [imputed * w, w], status: "ok", imputedWeight: w)
            }
            let status = Self.worst(value.status, weight.status)
            guard status == "ok", let v = value.value, let w = weight.value else { return Parts(values: [], status: status) }
            return Parts(values: [v * w, w], status: status)
        }
    }

    /// The value a territory's own parts give.
    func value(of parts: Parts, territory: String, method: String) -> IndicatorValue {
        guard parts.status == "ok" else { return .withheld(territory, period, status: parts.status, method: method) }
        let v = parts.values
        switch indicator.aggregation {
        case .stock:
            return IndicatorValue(territory: territory, period: period, value: v[0], status: "ok", method: method)
        case .ratio:
            let numerator = v[0], denominator = v[1]
            guard denominator != 0 else { return .withheld(territory, period, status: "not-applicable", method: method) }
            return IndicatorValue(territory: territory, period: period, value: numerator / denominator * (indicator.scale ?? 1),
                                  status: "ok", numerator: numerator, denominator: denominator, method: method)
        case .weightedMean, .nonAggregable:
            if v.count == 2 {
                guard v[1] != 0 else { return .withheld(territory, period, status: "not-applicable", method: method) }
                return IndicatorValue(territory: territory, period: period, value: v[0] / v[1], status: "ok",
                                      numerator: v[0], denominator: v[1], method: method)
            }
            return IndicatorValue(territory: territory, period: period, value: v[0], status: "ok", method: method)
        case .groupedMedian:
            let counted = v.reduce(0, +)
            guard counted > 0, let classes = indicator.classes else { return .withheld(territory, period, status: "not-applicable", method: method) }
            guard let median = classes.median(of: v) else {
                return .withheld(territory, period, status: "missing",
                                 method: method + ", the median is in the open class (\(IndicatorDefinition.format(classes.openFrom)) or more)")
            }
            return IndicatorValue(territory: territory, period: period, value: median, status: "ok", denominator: counted, method: method)
        case .annualGrowth:
            guard v[0] > 0, years > 0 else { return .withheld(territory, period, status: "not-applicable", method: method) }
            let total = (pow(v[1] / v[0], 1 / Double(years)) - 1) * 100
            let natural = v.count > 2 ? v[2] / (Double(years) * (v[0] + v[1]) / 2) * 100 : 0
            let rate = switch indicator.component ?? .total {
            case .total: total
            case .natural: natural
            case .migration: total - natural
            }
            return IndicatorValue(territory: territory, period: period, value: rate, status: "ok",
                                  numerator: v[1], denominator: v[0], method: method)
        }
    }

    /// Every value of this indicator and period.
    func compute() -> [IndicatorValue] {
        var results: [String: IndicatorValue] = [:]
        var own: [String: Parts] = [:]
        let territories = Set(components.flatMap(\.keys))
        let model = imputationModel()
        for territory in territories.sorted() {
            guard let parts = parts(of: territory, model: territory.hasPrefix("COM:") ? model : nil) else { continue }
            own[territory] = parts
            let isCommune = territory.hasPrefix("COM:") || territory.hasPrefix("ARM:")
            // A weighted mean's own value is the published one, not value × weight / weight.
            var result: IndicatorValue
            // A grouped median's own value too, unless it has none but its classes.
            let published: Cell? = switch indicator.aggregation {
            case .weightedMean, .nonAggregable: components[0][territory]
            case .groupedMedian: components[0][territory].flatMap { $0.isOK || parts.values.isEmpty ? $0 : nil }
            case .stock, .ratio, .annualGrowth: nil
            }
            if let cell = published {
                result = cell.isOK
                    ? IndicatorValue(territory: territory, period: period, value: cell.value, status: "ok", method: isCommune ? "as published" : "published")
                    : .withheld(territory, period, status: cell.status, method: isCommune ? "as published" : "published")
            } else if indicator.aggregation == .groupedMedian {
                // No median of its own (a commune merged since, say): that of its classes.
                result = value(of: parts, territory: territory, method: "grouped median of its classes, interpolated")
                result.estimate = result.status == "ok"
            } else {
                let published = indicator.aggregation == .stock ? "published" : "published components"
                result = value(of: parts, territory: territory, method: isCommune ? "commune components" : published)
            }
            result.flags = parts.flags.isEmpty ? nil : parts.flags.sorted().map { "known issue \($0)" }.joined(separator: "; ")
            results[territory] = result
        }
        for (parent, communes) in members.sorted(by: { $0.key < $1.key }) {
            guard let derived = aggregate(communes, parent: parent, own: own) else { continue }
            if var published = results[parent] {
                published.derived = derived.value
                results[parent] = published
            } else {
                results[parent] = derived
            }
        }
        return results.values.sorted { $0.territory < $1.territory }
    }

    /// The model imputing secret commune values, when the indicator's estimate asks for one.
    func imputationModel() -> ImputationModel? {
        guard indicator.estimate?.method == .imputedFromPredictor, components.count > 2 else { return nil }
        let samples = components[0].compactMap { territory, cell -> (String, Double, Double)? in
            guard territory.hasPrefix("COM:"), cell.isOK, let predictor = components[2][territory], predictor.isOK else { return nil }
            return (territory, predictor.value!, cell.value!)
        }
        return ImputationModel(samples)
    }

    /// The value of a larger territory from its communes, with its coverage.
    private func aggregate(_ communes: [String], parent: String, own: [String: Parts]) -> IndicatorValue? {
        let estimated: Bool
        let method: String
        switch indicator.aggregation {
        case .stock: (estimated, method) = (false, "sum over communes")
        case .ratio: (estimated, method) = (false, "ratio of sums over communes")
        case .annualGrowth: (estimated, method) = (false, "growth of sums over communes")
        case .weightedMean: (estimated, method) = (true, "mean weighted by \(yearly(indicator.weight ?? ""))")
        case .groupedMedian: (estimated, method) = (true, "grouped median of the communes' summed classes, interpolated")
        case .nonAggregable:
            guard let estimate = indicator.estimate else { return nil }
            // Both estimate methods are a weighted mean; imputation only fills secret communes.
            (estimated, method) = (true, "weighted_mean by \(yearly(estimate.weight)), estimate")
        }
        var sums: [Double]?
        var covered = 0.0
        var total = 0.0
        var secrets = 0
        // Communes whose value is unknown: present without a usable one, or absent where the
        // files do not reach (absent where they do, they have none to count, with partial_coverage: exact).
        var unknown = 0
        var imputed = 0.0
        var flagged: [String: Int] = [:]
        for commune in communes {
            let weight = population[commune] ?? 1
            total += weight
            guard let parts = own[commune] else {
                if !(departements[commune].map(reached.contains) ?? false) { unknown += 1 }
                continue
            }
            if parts.status == "secret" { secrets += 1 }
            guard parts.status == "ok", !parts.values.isEmpty else {
                unknown += 1
                continue
            }
            covered += weight
            imputed += parts.imputedWeight
            for flag in parts.flags { flagged[flag, default: 0] += 1 }
            sums = sums.map { zip($0, parts.values).map(+) } ?? parts.values
        }
        guard total > 0 else { return nil }
        let coverage = covered / total
        // A sum leaving out one secret commune would give that commune's value away to
        // anyone subtracting it from the total INSEE publishes: withheld. With two or
        // more left out, only their sum could be recovered: a partial value, marked so.
        if secrets == 1 && !estimated {
            return .withheld(parent, period, status: "secret", method: method + ", one secret commune", coverage: coverage)
        }
        var partial = secrets > 1 && !estimated ? ", partial: \(secrets) secret communes left out" : ""
        if imputed > 0, let sums, sums.count == 2, sums[1] > 0 {
            partial += String(format: ", %.0f %% of the weight imputed from %@", imputed / sums[1] * 100, yearly(indicator.estimate?.predictor ?? ""))
        }
        guard let sums else {
            return .withheld(parent, period, status: "missing", method: method + partial + ", no commune with data", coverage: coverage)
        }
        guard coverage >= minCoverage else {
            return .withheld(parent, period, status: "missing", method: method + partial + ", coverage below \(minCoverage)", coverage: coverage)
        }
        var result = value(of: Parts(values: sums, status: "ok"), territory: parent, method: method + partial)
        result.coverage = coverage
        // Partial coverage makes an estimate, unless the definition says a commune without
        // data has nothing to count (partial_coverage: exact) and none is unknown.
        let complete = indicator.partialCoverage == .exact && unknown == 0
        result.estimate = estimated || coverage < 1 && !complete
        if !flagged.isEmpty {
            result.flags = flagged.sorted { $0.key < $1.key }
                .map { "known issue \($0.key) on \($0.value) commune\($0.value == 1 ? "" : "s")" }.joined(separator: "; ")
        }
        return result
    }

    /// A variable code of this period: `NBPERSMENFISC{yy}` → `NBPERSMENFISC21`.
    private func yearly(_ code: String) -> String {
        code.replacingOccurrences(of: "{yy}", with: String(period.suffix(2)))
    }

    /// Σ of signed terms for one territory; nil when a term is absent (unless the
    /// indicator counts absent terms as zero).
    private func signedSum(_ terms: [String], offset: Int, _ territory: String) -> Parts? {
        var total = 0.0
        var status = "ok"
        let absent: Cell? = indicator.absentIsZero == true ? Cell(value: 0, status: "ok") : nil
        for (index, term) in terms.enumerated() {
            guard let cell = components[offset + index][territory] ?? absent else { return nil }
            status = Self.worst(status, cell.status)
            if let value = cell.value { total += term.hasPrefix("-") ? -value : value }
        }
        return Parts(values: status == "ok" ? [total] : [], status: status)
    }

    private func combine(_ cells: [Cell?]) -> Parts? {
        guard cells.allSatisfy({ $0 != nil }) else { return nil }
        let status = cells.map { $0!.status }.reduce("ok", Self.worst)
        return Parts(values: status == "ok" ? cells.map { $0!.value! } : [], status: status)
    }

    static func worst(_ a: String, _ b: String) -> String { Cell.rank(a) >= Cell.rank(b) ? a : b }
}
