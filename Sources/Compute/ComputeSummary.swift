/// What `compute` did, for the terminal and the runs journal.
public struct ComputeSummary: Sendable {
    public let runID: Int64
    public let geography: Int
    public var indicators: [IndicatorReport] = []
    /// Known issues of the register: id and observations concerned (nil: source not loaded).
    public var knownIssues: [(id: String, matched: Int?)] = []
    /// Values this compute added, changed or removed (`indicator_history`).
    public var changes = ValueChanges()

    public struct ValueChanges: Sendable, Equatable {
        public var added = 0
        public var changed = 0
        public var removed = 0
        /// Changed values whose figure moved by more than the indicator's tolerance, or whose status changed.
        public var beyondTolerance = 0
        public var total: Int { added + changed + removed }
    }

    public struct IndicatorReport: Sendable {
        public let id: String
        public var periods: [String] = []
        public var values = 0
        /// Values not shown as figures (secret, missing, not applicable, too small a count …).
        public var withheld = 0
        /// Without any period: the variables it needs that no loaded file has, and the
        /// sources its definition allows (nil: any).
        public var absentVariables: [String] = []
        /// Values that break a data-quality rule of the indicator (`alerts`).
        public var alerts = 0
        public var allowedSources: [String]?

        /// `no data: P{yy}_POP, SUPERF not loaded (sources: insee-commune-wide)`.
        public var notComputedReason: String {
            let variables = absentVariables.isEmpty ? "its variables are" : absentVariables.joined(separator: ", ") + (absentVariables.count == 1 ? " is" : " are")
            return "not computed: \(variables) not loaded" + (allowedSources.map { " (from \($0.joined(separator: ", ")))" } ?? "")
        }
    }

    public var values: Int { indicators.reduce(0) { $0 + $1.values } }
    public var alerts: Int { indicators.reduce(0) { $0 + $1.alerts } }

    public var headline: String {
        let computed = indicators.filter { !$0.periods.isEmpty }.count
        return "geography \(geography): \(computed) of \(indicators.count) indicators computed, \(values) values; "
            + "\(changes.changed) changed (\(changes.beyondTolerance) beyond tolerance), \(changes.added) added, \(changes.removed) removed since the previous compute; "
            + "\(alerts) data-quality alert\(alerts == 1 ? "" : "s")"
    }
}
