import GRDB

/// The data-quality alerts a compute raised (`alerts`), kept per run so that `diff` can
/// tell the new ones.
extension IndicatorStore {
    /// A value outside what its indicator declares plausible.
    public struct Alert: Sendable, Equatable {
        public let indicator: String
        public let territory: String
        public let period: String
        public let value: Double
        public let rule: String
        public let detail: String

        public init(indicator: String, territory: String, period: String, value: Double, rule: String, detail: String) {
            self.indicator = indicator
            self.territory = territory
            self.period = period
            self.value = value
            self.rule = rule
            self.detail = detail
        }
    }

    /// Records the alerts of one indicator; `files`: the names of the files its values
    /// come from, as one text.
    public static func recordAlerts(_ alerts: [Alert], files: String, geography: Int, runID: Int64, _ db: Database) throws {
        let insert = try db.makeStatement(sql: """
            INSERT OR REPLACE INTO alerts (run_id, geography, indicator_id, territory, period, value, rule, detail, files)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for alert in alerts {
            try insert.execute(arguments: [runID, geography, alert.indicator, alert.territory, alert.period, alert.value,
                                           alert.rule, alert.detail, files])
        }
    }
}
