import Compute
import Ingest
import Normalise
import Warehouse

/// What a pipeline run did, stage by stage.
public struct PipelineSummary: Sendable {
    public let runID: Int64
    public var geography: Int?
    public var stages: [StageReport] = []
    public var ingest: IngestSummary?
    public var normalise: NormaliseSummary?
    public var compute: ComputeSummary?

    public init(runID: Int64) { self.runID = runID }

    /// `rejections` when some rows were rejected (exit code 3), else `succeeded`.
    public var status: RunStatus {
        (ingest?.rowsRejected ?? 0) > 0 ? .rejections : .succeeded
    }

    public var headline: String {
        let stages = stages.map { "\($0.stage.rawValue) \($0.status.rawValue)" }.joined(separator: ", ")
        return "geography \(geography.map(String.init) ?? "-"): \(stages)"
    }
}
