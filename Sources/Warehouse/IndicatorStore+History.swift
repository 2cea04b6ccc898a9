import GRDB

/// What the computes replaced (`indicator_history`), the alerts they raised and the files
/// behind them: what `diff` reads to say what changed in one warehouse, or between two.
extension IndicatorStore {
    /// The run whose values the compute `last` replaced: the one that had computed them, as
    /// the history records it; else the run before `last`; 0 before any run.
    public static func runReplaced(byCompute last: Int64, _ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT max(computed_run) FROM indicator_history WHERE run_id = ?", arguments: [last])
            ?? (try Int64.fetchOne(db, sql: "SELECT max(run_id) FROM runs WHERE run_id < ?", arguments: [last]) ?? 0)
    }

    /// A value as it was before a compute changed it.
    public struct ReplacedValue: Sendable, Equatable {
        public let geography: Int
        public let indicator: String
        public let territory: String
        public let period: String
        /// `added` when the value did not exist before, else `changed` or `removed`.
        public let change: String
        public let value: Double?
        public let status: String?
        public let unpublished: Double?
    }

    /// For each value the computes after run `base` touched, its state before the first
    /// of them, by geography and territory.
    public static func firstReplacedValues(since base: Int64, _ db: Database) throws -> [ReplacedValue] {
        try Row.fetchAll(db, sql: """
            SELECT h.geography, h.indicator_id, h.territory, h.period, h.change, h.value, h.status, h.unpublished_value
            FROM indicator_history h
            WHERE h.run_id > ? AND h.run_id = (SELECT min(run_id) FROM indicator_history f WHERE f.geography = h.geography
                AND f.indicator_id = h.indicator_id AND f.territory = h.territory AND f.period = h.period AND f.run_id > ?)
            ORDER BY h.geography, h.territory
            """, arguments: [base, base]).map {
            ReplacedValue(geography: $0[0], indicator: $0[1], territory: $0[2], period: $0[3], change: $0[4], value: $0[5],
                          status: $0[6], unpublished: $0[7])
        }
    }

    /// A data-quality alert a compute raised (`alerts`).
    public struct RaisedAlert: Sendable, Equatable {
        public let run: Int64
        public let indicator: String
        public let territory: String
        public let period: String
        public let value: Double
        public let detail: String
        /// The files the value came from, as the alert names them.
        public let files: String?
    }

    /// The alerts of the runs after `base` up to `last`, by run, indicator, territory and period.
    public static func alerts(afterRun base: Int64, upTo last: Int64, _ db: Database) throws -> [RaisedAlert] {
        try Row.fetchAll(db, sql: """
            SELECT run_id, indicator_id, territory, period, value, detail, files FROM alerts WHERE run_id > ? AND run_id <= ?
            ORDER BY run_id, indicator_id, territory, period
            """, arguments: [base, last]).map {
            RaisedAlert(run: $0[0], indicator: $0[1], territory: $0[2], period: $0[3], value: $0[4], detail: $0[5], files: $0[6])
        }
    }

    /// The last run that raised an alert, nil if none did.
    public static func lastAlertRun(_ db: Database) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT max(run_id) FROM alerts")
    }

    /// What a load of a file holds, to compare two loads of it.
    public struct LoadState: Sendable, Equatable {
        public let sha256: String
        public let rowsLoaded: Int
        public let rowsRejected: Int
    }

    /// A file loaded, beside the load it replaced.
    public struct FileReload: Sendable, Equatable {
        public let source: String
        public let vintage: String
        public let name: String
        public let before: LoadState?
        public let after: LoadState
    }

    /// The files loaded by the runs after `base` up to `last`, by source and name: the
    /// inputs of the values those runs changed.
    public static func filesLoaded(afterRun base: Int64, upTo last: Int64, _ db: Database) throws -> [FileReload] {
        try Row.fetchAll(db, sql: """
            SELECT n.source_id, n.vintage, n.name, n.sha256, n.rows_loaded, n.rows_rejected,
                   o.sha256 AS old_sha256, o.rows_loaded AS old_loaded, o.rows_rejected AS old_rejected
            FROM files n LEFT JOIN files o ON o.replaced_by = n.file_id
            WHERE n.run_id > ? AND n.run_id <= ? ORDER BY n.source_id, n.name
            """, arguments: [base, last]).map { row in
            FileReload(
                source: row["source_id"], vintage: row["vintage"], name: row["name"],
                before: (row["old_sha256"] as String?).map { LoadState(sha256: $0, rowsLoaded: row["old_loaded"], rowsRejected: row["old_rejected"]) },
                after: LoadState(sha256: row["sha256"], rowsLoaded: row["rows_loaded"], rowsRejected: row["rows_rejected"]))
        }
    }

    /// A current load, for comparing the files of two warehouses.
    public struct CurrentLoad: Sendable, Equatable {
        public let source: String
        public let vintage: String
        public let name: String
        public let state: LoadState
    }

    /// Every current load: the inputs of a warehouse's values.
    public static func currentLoads(_ db: Database) throws -> [CurrentLoad] {
        try Row.fetchAll(db, sql: """
            SELECT source_id, vintage, name, sha256, rows_loaded, rows_rejected FROM files WHERE status = 'current'
            """).map {
            CurrentLoad(source: $0[0], vintage: $0[1], name: $0[2], state: LoadState(sha256: $0[3], rowsLoaded: $0[4], rowsRejected: $0[5]))
        }
    }
}
