/// What `compute` did, for the terminal and the runs journal.
public struct ComputeSummary: Sendable {
    public let runID: Int64
    public let geography: Int
    public var indicators: [IndicatorReport] = []
    /// Known issues of the register: id and observations concerned (nil: source not loaded).
    public var knownIssues: [(id: String, matched: Int?)] = []

    public struct IndicatorReport: Sendable {
        public let id: String
        public var periods: [String] = []
        public var values = 0
        /// Values that are not `ok` (secret, missing, not applicable).
        public var withheld = 0
    }

    public var values: Int { indicators.reduce(0) { $0 + $1.values } }

    public var headline: String {
        let computed = indicators.filter { !$0.periods.isEmpty }.count
        return "geography \(geography): \(computed) of \(indicators.count) indicators computed, \(values) values"
    }
}
