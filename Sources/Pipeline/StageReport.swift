import GRDB

/// What one stage of a pipeline run did, as stored in `run_stages`.
public struct StageReport: Sendable, Equatable {
    public enum Stage: String, Sendable, CaseIterable {
        case ingest, normalise, compute
    }

    public enum Status: String, Sendable {
        case done, skipped, failed
    }

    public let stage: Stage
    public var status: Status
    public var geography: Int?
    public var fingerprint: String?
    public var seconds: Double?
    public var rows: Int?
    public var warnings = 0
    public var message: String

    func record(runID: Int64, _ db: Database) throws {
        try db.execute(sql: """
            INSERT OR REPLACE INTO run_stages (run_id, stage, status, geography, fingerprint, seconds, rows, warnings, message)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [runID, stage.rawValue, status.rawValue, geography, fingerprint, seconds, rows, warnings, message])
    }
}
