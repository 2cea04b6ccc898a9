import Core
import Foundation
import GRDB
import Indicators
import Logging
import Warehouse

/// The `compute` stage: every indicator of the catalogue, for every period the data
/// allows, on every territory of one geography, in one transaction.
public struct ComputeJob {
    public let warehouse: Warehouse
    public let catalog: IndicatorCatalog
    public let knownIssues: KnownIssueRegister
    public let logger: Logger
    /// How many computes of a geography keep the values they replaced (`indicator_history`).
    public var historyRuns: Int

    /// Ten computes keep their changes by default: ten nightly runs, or a year of monthly ones.
    public static let defaultHistoryRuns = 10

    public init(warehouse: Warehouse, catalog: IndicatorCatalog, knownIssues: KnownIssueRegister = KnownIssueRegister(issues: []),
                historyRuns: Int = ComputeJob.defaultHistoryRuns, logger: Logger) {
        self.warehouse = warehouse
        self.catalog = catalog
        self.knownIssues = knownIssues
        self.historyRuns = historyRuns
        self.logger = logger
    }

    public func run(geography: Int?, command: String) throws -> ComputeSummary {
        try RunJournal.transaction(command: command, in: warehouse, headline: \.headline) { runID, db in
            try compute(geography: geography, runID: runID, db)
        }
    }

    /// Computes inside a transaction a pipeline run holds.
    public func run(geography: Int?, runID: Int64, in db: Database) throws -> ComputeSummary {
        try compute(geography: geography, runID: runID, db)
    }

    private func compute(geography requested: Int?, runID: Int64, _ db: Database) throws -> ComputeSummary {
        guard let geography = try requested ?? TerritoryStore.latestGeography(db) else {
            throw ObservatoireError(.indicator, "no territories yet: run `observatoire normalise --geography YEAR` before `compute`")
        }
        guard try TerritoryStore(geography: geography).exists(db) else {
            throw ObservatoireError(.indicator, "geography \(geography) has not been normalised: run `observatoire normalise --geography \(geography)` first")
        }
        let patterns = catalog.indicators.flatMap(\.variablePatterns) + [VariablePattern("PMUN")]
        let store = try ComponentStore(geography: geography, db: db, knownIssues: knownIssues) { [knownIssues] code in
            patterns.contains { $0.matches(code) } || knownIssues.issues.contains { $0.concerns(code: code) }
        }
        let issues = try KnownIssueCheck(register: knownIssues).run(on: store.normalised, db)
        try replaceDefinitions(db)
        let tolerances = Dictionary(uniqueKeysWithValues: catalog.indicators.map { ($0.id, $0.changeTolerance) })
        let history = try ValueHistory(geography: geography, runID: runID, tolerances: tolerances, db)
        try IndicatorStore.clearSlotsAndMethods(geography: geography, db)
        try IndicatorStore.clearSourceFiles(geography: geography, db)
        try record(issues, geography: geography, runID: runID, db)
        let territories = store.normalised.territories
        let members = try Self.members(geography: geography, territories, db)
        let population = try Self.population(in: store.normalised, db)
        let fullMembership = try Self.fullMembership(geography: geography, territories, db)
        let writer = try IndicatorValueWriter(geography: geography, runID: runID, territories: territories, history: history, db)
        var summary = ComputeSummary(runID: runID, geography: geography)
        var reach = FileReach(territories: territories, members: members)
        summary.knownIssues = issues.map { ($0.issue.id, $0.matched) }
        // Indicator n is calculated on another thread while n − 1 is written on this one.
        var previous: Calculation?
        for indicator in catalog.indicators {
            var files: Set<Int64> = []
            var calculators = try calculators(for: indicator, store: store, members: members, population: population,
                                              reach: &reach, files: &files)
            for index in calculators.indices { calculators[index].fullMembership = fullMembership }
            let calculation = Calculation(indicator: indicator.id, periods: calculators.map(\.period), files: files,
                                          values: BackgroundCalculation(calculators, of: indicator.id, territories: territories),
                                          absentVariables: calculators.isEmpty ? store.absentVariables(of: indicator) : [],
                                          allowedSources: indicator.sources)
            if let previous { summary.indicators.append(try write(previous, writer: writer, geography: geography, runID: runID, db)) }
            previous = calculation
        }
        if let previous { summary.indicators.append(try write(previous, writer: writer, geography: geography, runID: runID, db)) }
        try writer.finish()
        summary.changes = history.counts
        try IndicatorStore.keepHistory(geography: geography, runs: historyRuns, runID: runID, db)
        logger.info("Computed indicators", metadata: ["geography": "\(geography)", "values": "\(summary.values)"])
        return summary
    }

    /// One indicator being calculated: what its report and `indicator_sources` need.
    private struct Calculation {
        let indicator: String
        let periods: [String]
        let files: Set<Int64>
        let values: BackgroundCalculation
        let absentVariables: [String]
        let allowedSources: [String]?
    }

    /// Writes the values of one indicator once calculated, and the files they come from.
    private func write(_ calculation: Calculation, writer: IndicatorValueWriter, geography: Int, runID: Int64,
                       _ db: Database) throws -> ComputeSummary.IndicatorReport {
        var report = ComputeSummary.IndicatorReport(id: calculation.indicator)
        report.periods = calculation.periods
        report.absentVariables = calculation.absentVariables
        report.allowedSources = calculation.allowedSources
        let (encoded, alerts) = try calculation.values.wait()
        try writer.write(encoded)
        report.values = encoded.cells.count
        report.withheld = encoded.withheld
        report.alerts = alerts.count
        try IndicatorStore.recordSourceFiles(calculation.files.sorted(), indicator: calculation.indicator, geography: geography, db)
        try record(alerts, files: calculation.files, geography: geography, runID: runID, db)
        return report
    }

    /// The data-quality alerts of one indicator, in `alerts` with the files its values come
    /// from, and in the log (the first few).
    private func record(_ alerts: [QualityAlert], files: Set<Int64>, geography: Int, runID: Int64, _ db: Database) throws {
        guard !alerts.isEmpty else { return }
        let names = try FileJournal.names(of: files, db).joined(separator: ", ")
        try IndicatorStore.recordAlerts(alerts.map {
            IndicatorStore.Alert(indicator: $0.indicator, territory: $0.territory, period: $0.period, value: $0.value,
                                 rule: $0.rule.rawValue, detail: $0.detail)
        }, files: names, geography: geography, runID: runID, db)
        for alert in alerts.prefix(5) {
            logger.warning("Data-quality alert", metadata: [
                "indicator": "\(alert.indicator)", "territory": "\(alert.territory)", "period": "\(alert.period)",
                "value": "\(alert.value)", "rule": "\(alert.rule.rawValue)", "detail": "\(alert.detail)", "files": "\(names)",
            ])
        }
    }

    /// One calculator per period the data allows (per pair of census years for a growth).
    private func calculators(for indicator: IndicatorDefinition, store: ComponentStore, members: [(parent: Int32, communes: [Int32])],
                             population: [Double], reach: inout FileReach, files: inout Set<Int64>) throws -> [IndicatorCalculator] {
        let periods = store.periods(of: indicator)
        let sources = indicator.sources
        var used: Set<Int64> = []
        defer { files.formUnion(used) }
        func read(_ terms: [String], _ period: Period) throws -> [Component] {
            try terms.map { try store.values(of: $0.hasPrefix("-") ? String($0.dropFirst()) : $0, in: period, sources: sources, files: &used) }
        }
        if indicator.aggregation == .annualGrowth {
            guard let value = indicator.value else { return [] }
            return try growthPeriods(periods, span: indicator.minYears ?? 5).compactMap { start, end in
                var components = try read([value], start) + read([value], end)
                if let natural = indicator.naturalBalance {
                    let last = String(format: "%02d", (Int(end.label)! - 1) % 100)
                    let terms = natural.map { $0.replacingOccurrences(of: "{start}", with: start.yy ?? "").replacingOccurrences(of: "{last}", with: last) }
                    let balance = try read(terms, start)
                    guard balance.allSatisfy({ !$0.isEmpty }) else { return nil }
                    components += balance
                }
                var calculator = IndicatorCalculator(indicator: indicator, period: "\(start.label)-\(end.label)",
                                                     territories: store.normalised.territories, components: components,
                                                     members: members, population: population)
                calculator.years = Int(end.label)! - Int(start.label)!
                return calculator
            }
        }
        return try periods.map { period in
            let terms: [String] = switch indicator.aggregation {
            case .ratio: (indicator.numerator ?? []) + (indicator.denominator ?? [])
            case .weightedMean: [indicator.value!, indicator.weight!]
            case .nonAggregable: [indicator.value!] + (indicator.estimate.map { [$0.weight] + ($0.predictor.map { [$0] } ?? []) } ?? [])
            case .groupedMedian: [indicator.value!] + (indicator.classes?.codes ?? [])
            case .stock, .annualGrowth: [indicator.value!]
            }
            var calculator = IndicatorCalculator(indicator: indicator, period: period.label, territories: store.normalised.territories,
                                                 components: try read(terms, period), members: members, population: population)
            if indicator.partialCoverage == .exact {
                calculator.departements = reach.departements
                calculator.reached = try reach.departements(reachedBy: used, db: store.db, geography: store.geography)
            }
            return calculator
        }
    }

    /// The census periods of a growth, newest first: from the last census year back to the
    /// most recent one at least `span` years before it (the rolling census makes closer
    /// years incomparable), then from that one back again: 2016-2022 and 2011-2016 from
    /// the 2022 bases communales, as INSEE shows them.
    private func growthPeriods(_ periods: [Period], span: Int) -> [(start: Period, end: Period)] {
        var pairs: [(start: Period, end: Period)] = []
        var end = periods.last
        while let last = end, let start = periods.last(where: { Int(last.label)! - Int($0.label)! >= span }) {
            pairs.append((start, last))
            end = start
        }
        return pairs
    }

    /// The register as applied to this geography, in `known_issues`.
    private func record(_ issues: [KnownIssueCheck.Outcome], geography: Int, runID: Int64, _ db: Database) throws {
        try IndicatorStore.replaceKnownIssues(with: issues.map { outcome in
            let issue = outcome.issue
            return IndicatorStore.AppliedKnownIssue(issueID: issue.id, sourceID: issue.source, variables: issue.variables.joined(separator: ", "),
                                                    action: issue.action.rawValue, reason: issue.reason, notice: issue.notice,
                                                    matched: outcome.matched)
        }, geography: geography, runID: runID, db)
    }

    private func replaceDefinitions(_ db: Database) throws {
        try IndicatorStore.replaceDefinitions(with: catalog.indicators.map {
            IndicatorStore.Definition(id: $0.id, label: $0.label, theme: $0.theme, unit: $0.unit, aggregation: $0.aggregation.rawValue,
                                      formula: $0.formula, sources: $0.sources?.joined(separator: ", "), notes: $0.notes,
                                      decimals: $0.displayDecimals, tolerance: $0.changeTolerance)
        }, db)
    }

    /// Communes of every territory above the commune (EPCI, département, région, France,
    /// zones), by territory index: parents in code order, the communes of each in the order
    /// read, which is the order sums over them add up in.
    static func members(geography: Int, _ territories: TerritoryIndex, _ db: Database) throws -> [(parent: Int32, communes: [Int32])] {
        var members: [Int32: [Int32]] = [:]
        try TerritoryStore(geography: geography).forEachCommuneMembership(db) { parent, commune in
            let parent = try territories.index(of: parent, in: "memberships of geography \(geography)")
            try members[parent, default: []].append(territories.index(of: commune, in: "memberships of geography \(geography)"))
        }
        return members.sorted { $0.key < $1.key }.map { (parent: $0.key, communes: $0.value) }
    }

    /// Communes of each territory in full (`territories.communes_expected`, see normalise's
    /// `MembershipCompleteness`), by territory index; 0 where unknown.
    static func fullMembership(geography: Int, _ territories: TerritoryIndex, _ db: Database) throws -> [Int32] {
        var full = [Int32](repeating: 0, count: territories.count)
        for (territory, communes) in try TerritoryStore(geography: geography).fullMemberships(db) {
            if let index = territories.index(of: territory) { full[Int(index)] = Int32(communes) }
        }
        return full
    }

    /// Population municipale of the most recent populations légales on this geography, by
    /// territory index; a territory without one (not a commune, say) counts for one.
    static func population(in normalised: NormalisedValues, _ db: Database) throws -> [Double] {
        let territories = normalised.territories
        var population = [Double](repeating: 1, count: territories.count)
        let variables = try ObservationStore.variablePeriods(code: "PMUN", db)
        for period in Set(variables.map(\.period)).sorted() {
            let ids = variables.filter { $0.period == period }.map(\.variableID)
            try normalised.forEach(Set(ids)) { territory, _, _, value, status in
                if status == .ok, territories.isCommune(territory), let value { population[Int(territory)] = value }
            }
        }
        return population
    }
}
