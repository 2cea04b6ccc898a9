import GRDB

/// What a compute replaced (`indicator_history`, migration 016): each value it changed,
/// added or removed, as it was and with the run that had computed it, so that `diff`
/// answers within one warehouse. Written with one statement prepared per compute.
extension IndicatorStore {
    public struct HistoryWriter {
        public enum Change: String, Sendable {
            case added, changed, removed
        }

        public let geography: Int
        public let runID: Int64
        private let insert: Statement

        public init(geography: Int, runID: Int64, _ db: Database) throws {
            self.geography = geography
            self.runID = runID
            insert = try db.makeStatement(sql: """
                INSERT INTO indicator_history (geography, run_id, indicator_id, territory, period, change, value, status, unpublished_value,
                                               coverage, method, computed_run)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        }

        /// Records one value as it was before the change (nothing for one added).
        /// - Parameters:
        ///   - unpublishedValue: the figure kept under a status that does not publish it.
        ///   - computedRun: the run that had computed the value.
        public func record(_ change: Change, indicator: String, territory: String, period: String, value: Double?, status: String?,
                           unpublishedValue: Double?, coverage: Double?, method: String?, computedRun: Int64?) throws {
            try insert.execute(arguments: [geography, runID, indicator, territory, period, change.rawValue, value, status,
                                           unpublishedValue, coverage, method, computedRun])
        }
    }

    /// Forgets the changes, and the alerts, of all but the last `runs` computes of the
    /// geography, `runID` being the last.
    public static func keepHistory(geography: Int, runs: Int, runID: Int64, _ db: Database) throws {
        try db.execute(sql: """
            DELETE FROM indicator_history WHERE geography = :g AND run_id NOT IN (
                SELECT DISTINCT run_id FROM indicator_history WHERE geography = :g ORDER BY run_id DESC LIMIT :keep)
            """, arguments: ["g": geography, "keep": runs])
        // The alerts of as many computes, this one (`runID`, with or without alerts) always
        // among them: without it every compute would add its alerts to all those before.
        try db.execute(sql: """
            DELETE FROM alerts WHERE geography = :g AND run_id NOT IN (
                SELECT run_id FROM (SELECT run_id FROM alerts WHERE geography = :g UNION SELECT :run) ORDER BY run_id DESC LIMIT :keep)
            """, arguments: ["g": geography, "run": runID, "keep": max(runs, 1)])
    }
}
