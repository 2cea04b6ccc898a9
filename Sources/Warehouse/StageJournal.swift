import GRDB

/// The `run_stages` table: what each stage of a pipeline run did, and the fingerprint of
/// its inputs, by which the next run skips a stage whose inputs did not change.
public enum StageJournal {
    /// One stage of a run, as stored.
    public struct Entry: Sendable, Equatable {
        public var stage: String
        public var status: String
        public var geography: Int?
        public var fingerprint: String?
        public var seconds: Double?
        public var rows: Int?
        public var warnings: Int
        public var message: String

        public init(stage: String, status: String, geography: Int?, fingerprint: String?, seconds: Double?, rows: Int?,
                    warnings: Int, message: String) {
            self.stage = stage
            self.status = status
            self.geography = geography
            self.fingerprint = fingerprint
            self.seconds = seconds
            self.rows = rows
            self.warnings = warnings
            self.message = message
        }
    }

    /// Records one stage of a run, replacing what was recorded for it before (a run that
    /// fails records its stages again, outside the transaction rolled back).
    public static func record(_ entry: Entry, runID: Int64, _ db: Database) throws {
        try db.execute(sql: """
            INSERT OR REPLACE INTO run_stages (run_id, stage, status, geography, fingerprint, seconds, rows, warnings, message)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [runID, entry.stage, entry.status, entry.geography, entry.fingerprint, entry.seconds, entry.rows,
                             entry.warnings, entry.message])
    }

    /// The fingerprint of a stage's last done or skipped run on this geography, in a run
    /// that succeeded.
    public static func lastFingerprint(stage: String, geography: Int, _ db: Database) throws -> String? {
        try String.fetchOne(db, sql: """
            SELECT s.fingerprint FROM run_stages s JOIN runs r USING (run_id)
            WHERE s.stage = ? AND s.geography = ? AND s.status IN ('done', 'skipped') AND r.status IN ('succeeded', 'rejections')
            ORDER BY s.run_id DESC LIMIT 1
            """, arguments: [stage, geography])
    }

    /// The stages of one run, in the order they run (ingest, normalise, compute).
    public static func stages(ofRun runID: Int64, _ db: Database) throws -> [(stage: String, status: String, seconds: Double?, message: String?)] {
        try Row.fetchAll(db, sql: """
            SELECT stage, status, seconds, message FROM run_stages WHERE run_id = ?
            ORDER BY CASE stage WHEN 'ingest' THEN 0 WHEN 'normalise' THEN 1 ELSE 2 END
            """, arguments: [runID]).map { ($0[0], $0[1], $0[2], $0[3]) }
    }
}
