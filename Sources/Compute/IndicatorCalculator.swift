import Core
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
///
/// Territories are indexes in the run's `TerritoryIndex` and components arrays by index:
/// keyed by code, hashing strings was most of the calculation's time.
struct IndicatorCalculator: Sendable {
    let indicator: IndicatorDefinition
    let period: String
    /// The territories of the run: components, members and results are by index in it.
    let territories: TerritoryIndex
    /// One component per part source (see `ownParts(of:model:into:)`).
    let components: [Component]
    /// Number of years between the two values of an `annual_growth`.
    var years = 0
    /// Communes of each larger territory, parents in code order.
    let members: [(parent: Int32, communes: [Int32])]
    /// Population of each territory, for coverage; 1 for a commune without one.
    let population: [Double]
    /// Communes of each territory in full, from the references (`territories.communes_expected`);
    /// 0 where unknown, taken then as the communes it has.
    var fullMembership: [Int32] = []
    /// For `partial_coverage: exact`: the département of each commune (-1 for none), and
    /// whether each territory is a département the files read reach (have observations of
    /// a commune in).
    var departements: [Int32] = []
    var reached: [Bool] = []

    /// Which terms of a signed sum are subtracted (`-DECE1520`), read once rather than per territory.
    private let negatedNumerator: [Bool]
    private let negatedDenominator: [Bool]
    private let negatedNaturalBalance: [Bool]?

    init(indicator: IndicatorDefinition, period: String, territories: TerritoryIndex, components: [Component],
         members: [(parent: Int32, communes: [Int32])], population: [Double]) {
        self.indicator = indicator
        self.period = period
        self.territories = territories
        self.components = components
        self.members = members
        self.population = population
        negatedNumerator = (indicator.numerator ?? []).map { $0.hasPrefix("-") }
        negatedDenominator = (indicator.denominator ?? []).map { $0.hasPrefix("-") }
        negatedNaturalBalance = indicator.naturalBalance?.map { $0.hasPrefix("-") }
    }

    /// The number of additive parts and the worst status among them, of one territory; the
    /// parts themselves are appended to a buffer, and only when the status is ok (the only
    /// case they are read in).
    struct Parts {
        var status: ValueStatus
        /// The weight of a commune whose secret value was imputed (0 otherwise).
        var imputedWeight = 0.0
    }

    private var minCoverage: Double { indicator.minCoverage ?? 0.9 }

    /// Share of its full membership, weighted by population, under which the value of a
    /// territory with communes missing is not published, whatever the indicator's own
    /// `min_coverage` (a definition's 0, for diagnostics a commune may have none of, does
    /// not speak of communes the geography lacks).
    static let partialFloor = 0.9

    /// The value with the status its denominator allows: under `min_denominator` it is
    /// kept but not a fact (`small-count`).
    private func checkingCount(_ result: IndicatorValue, count: Double?) -> IndicatorValue {
        guard result.value != nil || result.kept != nil, let minimum = indicator.minDenominator, minimum > 0,
              let count, count < minimum else { return result }
        var checked = result.value != nil ? result.keeping(under: IndicatorValue.Publication.smallCount) : result
        checked.status = IndicatorValue.Publication.smallCount
        checked.method += ", \(IndicatorDefinition.format((count * 10).rounded() / 10)) in the denominator, under \(IndicatorDefinition.format(minimum))"
        return checked
    }

    /// The known issues of a territory's components, sorted, without repeats.
    private func flags(of territory: Int32, in flagged: [Component]) -> [String] {
        flagged.isEmpty ? [] : Set(flagged.flatMap { $0.flags(of: territory) }).sorted()
    }

    /// Parts of a territory from its own components, appended to `values`. `model` imputes
    /// a secret value of a non-aggregable indicator for the aggregates (never for the
    /// commune's own value).
    func ownParts(of territory: Int32, model: ImputationModel?, into values: inout [Double]) -> Parts? {
        switch indicator.aggregation {
        case .stock:
            return combine(components[...], territory, into: &values)
        case .annualGrowth:
            // Start and end populations, then births − deaths when the indicator splits the change.
            guard var parts = combine(components.prefix(2), territory, into: &values) else { return nil }
            guard let natural = negatedNaturalBalance else { return parts }
            guard let balance = signedSum(natural, offset: 2, territory) else { return nil }
            parts.status = Self.worst(parts.status, balance.status)
            if parts.status == .ok {
                values.append(balance.total)
            } else {
                values.removeAll(keepingCapacity: true)
            }
            return parts
        case .ratio:
            guard let numerator = signedSum(negatedNumerator, offset: 0, territory),
                  let denominator = signedSum(negatedDenominator, offset: negatedNumerator.count, territory) else { return nil }
            let status = Self.worst(numerator.status, denominator.status)
            if status == .ok {
                values.append(numerator.total)
                values.append(denominator.total)
            }
            return Parts(status: status)
        case .groupedMedian:
            // The class counts (absent ones are zero); a territory with only its median has
            // no parts to add up, but still its own value.
            let classes = components.dropFirst()
            var status = ValueStatus.ok
            var counted = false
            for count in classes {
                guard let countStatus = count.status(of: territory) else { continue }
                counted = true
                status = Self.worst(status, countStatus)
            }
            guard counted else { return components[0].status(of: territory).map { _ in Parts(status: .ok) } }
            if status == .ok {
                for count in classes { values.append(count.status(of: territory) == nil ? 0 : count.value(of: territory)) }
            }
            return Parts(status: status)
        case .weightedMean, .nonAggregable:
            let value = components[0]
            guard let valueStatus = value.status(of: territory) else { return nil }
            guard components.count > 1, let weightStatus = components[1].status(of: territory) else {
                if valueStatus == .ok { values.append(value.value(of: territory)) }
                return Parts(status: valueStatus)
            }
            let weight = components[1]
            if valueStatus == .secret, let model, weightStatus == .ok, components[2].status(of: territory) == .ok,
               let imputed = model.rate(commune: territories[territory], predictor: components[2].value(of: territory)) {
                let w = weight.value(of: territory)
                values.append(imputed * w)
                values.append(w)
                return Parts(status: .ok, imputedWeight: w)
            }
            let status = Self.worst(valueStatus, weightStatus)
            if status == .ok {
                let v = value.value(of: territory), w = weight.value(of: territory)
                values.append(v * w)
                values.append(w)
            }
            return Parts(status: status)
        }
    }

    /// The value a territory's parts give.
    func value(of v: [Double], status: ValueStatus, territory: String, method: String) -> IndicatorValue {
        guard status == .ok else { return .withheld(territory, period, status: status.rawValue, method: method) }
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

    /// Every value of this indicator and period, in territory order: the parts of every
    /// territory first, then each territory's value, its own and the one summed over its
    /// communes, in one pass in index order, so that the list is built in order and once.
    func compute() -> [IndicatorValue] {
        var own = PartsTable(territories: territories.count, width: max(3, components.count))
        let model = imputationModel()
        let flagged = components.filter(\.hasFlags)
        var values: [Double] = []
        var counted = 0
        for territory in 0..<Int32(territories.count) where components.contains(where: { $0.status(of: territory) != nil }) {
            values.removeAll(keepingCapacity: true)
            guard let parts = ownParts(of: territory, model: territories.isCommune(territory) ? model : nil, into: &values) else { continue }
            own.set(territory, parts, values, flags: flags(of: territory, in: flagged))
            counted += 1
        }
        // Where each larger territory is in `members`; -1 for the others.
        var membership = [Int32](repeating: -1, count: territories.count)
        // A period no commune has (populations published for départements alone): nothing to derive.
        let derivable = (0..<Int32(territories.count)).contains { territories.isCommuneLike($0) && own.status(of: $0) != nil }
        for (position, entry) in members.enumerated() where derivable { membership[Int(entry.parent)] = Int32(position) }
        var result: [IndicatorValue] = []
        result.reserveCapacity(counted + members.count)
        for territory in 0..<Int32(territories.count) {
            var value: IndicatorValue?
            if let status = own.status(of: territory) {
                values.removeAll(keepingCapacity: true)
                values.append(contentsOf: own.values(of: territory))
                value = ownValue(of: territory, parts: values, status: status, flags: own.flags(of: territory))
            }
            let position = Int(membership[Int(territory)])
            if position >= 0, let derived = aggregate(members[position].communes, parent: territory, own: own) {
                if value == nil {
                    value = derived
                } else {
                    value?.derived = derived.value
                }
            }
            guard let value else { continue }
            result.append(value)
        }
        return result
    }

    /// The value of a territory from its own components: as published when the source
    /// publishes the indicator itself, else from its parts.
    private func ownValue(of territory: Int32, parts values: [Double], status: ValueStatus, flags: [String]) -> IndicatorValue {
        let code = territories[territory]
        let isCommune = territories.isCommuneLike(territory)
        // A weighted mean's own value is the published one, not value × weight / weight.
        var result: IndicatorValue
        // A grouped median's own value too, unless it has none but its classes.
        let published: ValueStatus? = switch indicator.aggregation {
        case .weightedMean, .nonAggregable: components[0].status(of: territory)
        case .groupedMedian: components[0].status(of: territory).flatMap { $0 == .ok || values.isEmpty ? $0 : nil }
        case .stock, .ratio, .annualGrowth: nil
        }
        if let published {
            result = published == .ok
                ? IndicatorValue(territory: code, period: period, value: components[0].value(of: territory), status: "ok",
                                 method: isCommune ? "as published" : "published")
                : .withheld(code, period, status: published.rawValue, method: isCommune ? "as published" : "published")
        } else if indicator.aggregation == .groupedMedian {
            // No median of its own (a commune merged since, say): that of its classes.
            result = value(of: values, status: status, territory: code, method: "grouped median of its classes, interpolated")
            result.estimate = result.status == "ok"
        } else {
            let published = indicator.aggregation == .stock ? "published" : "published components"
            result = value(of: values, status: status, territory: code, method: isCommune ? "commune components" : published)
        }
        result.flags = flags.isEmpty ? nil : flags.map { "known issue \($0)" }.joined(separator: "; ")
        switch indicator.aggregation {
        case .ratio: return checkingCount(result, count: result.denominator)
        case .groupedMedian:
            // A published median's count is that of its classes, where it has them.
            if result.denominator == nil && !values.isEmpty { result.denominator = values.reduce(0, +) }
            return checkingCount(result, count: result.denominator)
        case .stock, .weightedMean, .nonAggregable, .annualGrowth: return result
        }
    }

    /// The model imputing secret commune values, when the indicator's estimate asks for one.
    func imputationModel() -> ImputationModel? {
        guard indicator.estimate?.method == .imputedFromPredictor, components.count > 2 else { return nil }
        let (value, predictor) = (components[0], components[2])
        var samples: [(String, Double, Double)] = []
        for commune in 0..<Int32(territories.count)
        where territories.isCommune(commune) && value.status(of: commune) == .ok && predictor.status(of: commune) == .ok {
            samples.append((territories[commune], predictor.value(of: commune), value.value(of: commune)))
        }
        return ImputationModel(samples)
    }

    /// The value of a larger territory from its communes, with its coverage of the
    /// territory's full membership: communes missing from the geography weigh as much as
    /// the mean of those it has, so the coverage of the members present is scaled by the
    /// share of members present (5 of the 95 communes of an EPCI: at most 5/95).
    private func aggregate(_ communes: [Int32], parent: Int32, own: PartsTable) -> IndicatorValue? {
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
        // The parts summed so far: the first commune's, then each next one's added, as
        // far as the shorter of the two goes.
        var running: [Double] = []
        var summed = false
        var covered = 0.0
        var total = 0.0
        var secrets = 0
        // Communes whose value is unknown: present without a usable one, or absent where the
        // files do not reach (absent where they do, they have none to count, with partial_coverage: exact).
        var unknown = 0
        var unknownWeight = 0.0
        var imputed = 0.0
        var flagged: [String: Int] = [:]
        for commune in communes {
            let weight = population[Int(commune)]
            total += weight
            guard let status = own.status(of: commune) else {
                if !isReached(commune) {
                    unknown += 1
                    unknownWeight += weight
                }
                continue
            }
            if status == .secret { secrets += 1 }
            let parts = own.values(of: commune)
            guard status == .ok, !parts.isEmpty else {
                unknown += 1
                unknownWeight += weight
                continue
            }
            covered += weight
            imputed += own.imputedWeight(of: commune)
            if own.hasFlags {
                for flag in own.flags(of: commune) { flagged[flag, default: 0] += 1 }
            }
            if summed {
                if parts.count < running.count { running.removeLast(running.count - parts.count) }
                for index in running.indices { running[index] += parts[parts.startIndex + index] }
            } else {
                running.append(contentsOf: parts)
                summed = true
            }
        }
        guard total > 0 else { return nil }
        let sums = summed ? running : nil
        let full = fullMembership.isEmpty ? 0 : Int(fullMembership[Int(parent)])
        let missing = max(0, full - communes.count)
        let present = Double(communes.count) / Double(communes.count + missing)
        let coverage = covered / total * present
        // A sum leaving out one secret commune would give that commune's value away to
        // anyone subtracting it from the total INSEE publishes: withheld. With two or
        // more left out, only their sum could be recovered: a partial value, marked so.
        let code = territories[parent]
        if secrets == 1 && !estimated {
            return .withheld(code, period, status: "secret", method: method + ", one secret commune", coverage: coverage)
        }
        var partial = secrets > 1 && !estimated ? ", partial: \(secrets) secret communes left out" : ""
        var imputedShare = 0.0
        if imputed > 0, let sums, sums.count == 2, sums[1] > 0 {
            imputedShare = imputed / sums[1]
            partial += String(format: ", %.0f %% of the weight imputed from %@", imputedShare * 100, yearly(indicator.estimate?.predictor ?? ""))
        }
        if missing > 0 { partial += ", \(communes.count) of its \(communes.count + missing) communes" }
        guard let sums else {
            return .withheld(code, period, status: "missing", method: method + partial + ", no commune with data", coverage: coverage)
        }
        var result = value(of: sums, status: .ok, territory: code, method: method + partial)
        result.coverage = coverage
        // Partial coverage makes an estimate, unless the definition says a commune without
        // data has nothing to count (partial_coverage: exact) and none is unknown.
        let complete = indicator.partialCoverage == .exact && unknown == 0 && missing == 0
        result.estimate = estimated || coverage < 1 && !complete
        if result.estimate && result.status == "ok" {
            // What was not observed: the communes missing from the geography, those whose value
            // is unknown (not those with nothing to count), then the imputed part of the others.
            let extrapolated = 1 - present + present * unknownWeight / total
            let share = min(1, max(0, extrapolated + imputedShare * coverage))
            if share > 0 { result.estimatedShare = share }
        }
        if !flagged.isEmpty {
            result.flags = flagged.sorted { $0.key < $1.key }
                .map { "known issue \($0.key) on \($0.value) commune\($0.value == 1 ? "" : "s")" }.joined(separator: "; ")
        }
        let floor = missing > 0 ? max(minCoverage, Self.partialFloor) : minCoverage
        if result.value != nil && coverage < floor {
            result = result.keeping(under: IndicatorValue.Publication.insufficientCoverage)
            result.method += ", coverage below \(IndicatorDefinition.format(floor))"
            return result
        }
        if result.value != nil && missing > 0 {
            result = result.keeping(under: IndicatorValue.Publication.partial)
        }
        let count: Double? = switch indicator.aggregation {
        case .ratio, .groupedMedian: result.denominator
        case .stock, .weightedMean, .nonAggregable, .annualGrowth: nil
        }
        return checkingCount(result, count: count)
    }

    /// Whether a commune absent from the files lies in a département they reach, where it
    /// had nothing to count (known only with `partial_coverage: exact`).
    private func isReached(_ commune: Int32) -> Bool {
        guard !departements.isEmpty else { return false }
        let departement = departements[Int(commune)]
        return departement >= 0 && reached[Int(departement)]
    }

    /// A variable code of this period: `NBPERSMENFISC{yy}` → `NBPERSMENFISC21`.
    private func yearly(_ code: String) -> String {
        code.replacingOccurrences(of: "{yy}", with: String(period.suffix(2)))
    }

    /// Σ of signed terms for one territory; nil when a term is absent (unless the
    /// indicator counts absent terms as zero).
    private func signedSum(_ negated: [Bool], offset: Int, _ territory: Int32) -> (status: ValueStatus, total: Double)? {
        var total = 0.0
        var status = ValueStatus.ok
        for (index, minus) in negated.enumerated() {
            let term = components[offset + index]
            let value: Double?
            if let termStatus = term.status(of: territory) {
                status = Self.worst(status, termStatus)
                value = termStatus == .ok ? term.value(of: territory) : nil
            } else if indicator.absentIsZero == true {
                value = 0
            } else {
                return nil
            }
            if let value { total += minus ? -value : value }
        }
        return (status, total)
    }

    /// The values of these components when all have one, appended when all are ok.
    private func combine(_ cells: ArraySlice<Component>, _ territory: Int32, into values: inout [Double]) -> Parts? {
        var status = ValueStatus.ok
        for cell in cells {
            guard let cellStatus = cell.status(of: territory) else { return nil }
            status = Self.worst(status, cellStatus)
        }
        if status == .ok {
            for cell in cells { values.append(cell.value(of: territory)) }
        }
        return Parts(status: status)
    }

    /// A result is as bad as its worst part: ok, then not applicable, missing, secret.
    static func worst(_ a: ValueStatus, _ b: ValueStatus) -> ValueStatus { severity(a) >= severity(b) ? a : b }

    private static func severity(_ status: ValueStatus) -> Int {
        switch status {
        case .ok: 0
        case .notApplicable: 1
        case .missing: 2
        case .secret: 3
        }
    }
}
