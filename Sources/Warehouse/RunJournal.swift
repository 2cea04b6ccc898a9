import GRDB

/// How a run ended, as stored in `runs.status`.
public enum RunStatus: String, Sendable {
    case running, succeeded, rejections, failed
}

/// The `runs` table: one row per command that writes to the warehouse.
public enum RunJournal {
    public static func start(command: String, in warehouse: Warehouse) throws -> Int64 {
        try warehouse.write { db in
            try db.execute(sql: """
                INSERT INTO runs (command, started_at, status) VALUES (?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'running')
                """, arguments: [command])
            return db.lastInsertedRowID
        }
    }

    public static func finish(runID: Int64, status: RunStatus, message: String?, in warehouse: Warehouse) throws {
        try warehouse.write { db in
            try db.execute(sql: """
                UPDATE runs SET finished_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), status = ?, message = ?
                WHERE run_id = ?
                """, arguments: [status.rawValue, message, runID])
        }
    }

    /// The last run started before a date or time (`2026-12-01`, ISO 8601 as `runs.started_at`); 0 when none.
    public static func lastRun(startedBefore date: String, in warehouse: Warehouse) throws -> Int64 {
        try warehouse.read { db in
            try Int64.fetchOne(db, sql: "SELECT max(run_id) FROM runs WHERE started_at < ?", arguments: [date]) ?? 0
        }
    }

    /// One run as the journal keeps it.
    public struct Run: Sendable, Equatable {
        public let id: Int64
        public let command: String
        public let startedAt: String
        public let finishedAt: String?
        public let status: String
        public let message: String?
    }

    /// The last `limit` runs, the latest first.
    public static func recent(limit: Int, _ db: Database) throws -> [Run] {
        try Row.fetchAll(db, sql: """
            SELECT run_id, command, started_at, finished_at, status, message FROM runs ORDER BY run_id DESC LIMIT ?
            """, arguments: [limit]).map {
            Run(id: $0[0], command: $0[1], startedAt: $0[2], finishedAt: $0[3], status: $0[4], message: $0[5])
        }
    }

    /// The last successful run of `ingest`, `normalise` or `compute` by hand, outside a
    /// pipeline run; 0 when none. Such a run may have changed what a stage produced
    /// (portraits write only their report table, and change no stage's inputs).
    public static func lastStageRunByHand(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: """
            SELECT max(run_id) FROM runs
            WHERE status IN ('succeeded', 'rejections')
              AND (command LIKE 'observatoire ingest%' OR command LIKE 'observatoire normalise%' OR command LIKE 'observatoire compute%')
            """) ?? 0
    }

    /// Marks the runs left `running` by a process that ended without finishing (killed,
    /// crashed) as failed. Only the holder of the `WriterLock` may call it: no other
    /// writer can then be running. Returns how many there were.
    @discardableResult
    public static func closeInterrupted(in warehouse: Warehouse) throws -> Int {
        try warehouse.write { db in
            try db.execute(sql: """
                UPDATE runs SET status = 'failed', finished_at = coalesce(finished_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                       message = 'interrupted: the process ended before the run finished; its open transaction was rolled back'
                WHERE status = 'running'
                """)
            return db.changesCount
        }
    }

    /// Runs `body` as one journaled run in one write transaction: the run ends
    /// `succeeded` with the result's headline, or `failed` with the error, and a failure
    /// leaves every other table as it was.
    public static func transaction<Result>(command: String, in warehouse: Warehouse, headline: (Result) -> String,
                                           _ body: (_ runID: Int64, _ db: Database) throws -> Result) throws -> Result {
        let runID = try start(command: command, in: warehouse)
        do {
            let result = try warehouse.write { db in
                let result = try body(runID, db)
                try refreshStatistics(db)
                return result
            }
            try finish(runID: runID, status: .succeeded, message: headline(result), in: warehouse)
            return result
        } catch {
            try? finish(runID: runID, status: .failed, message: "\(error)", in: warehouse)
            throw error
        }
    }

    /// Fresh statistics (sampled, so cheap on large tables) give the query planner, ours
    /// and the analysts', good plans for joins on the tables a stage just rebuilt.
    public static func refreshStatistics(_ db: Database) throws {
        try db.execute(sql: "PRAGMA analysis_limit = 1000; ANALYZE")
    }
}
