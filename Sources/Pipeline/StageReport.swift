import GRDB
import Warehouse

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
        try StageJournal.record(StageJournal.Entry(stage: stage.rawValue, status: status.rawValue, geography: geography, fingerprint: fingerprint,
                                                   seconds: seconds, rows: rows, warnings: warnings, message: message), runID: runID, db)
    }
}
