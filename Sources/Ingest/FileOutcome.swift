import Core
import Warehouse

/// What happened to one file, as printed by `ingest` and summed up at the end.
public struct FileOutcome: Sendable {
    public enum Status: String, Sendable {
        /// Loaded, every row accepted.
        case loaded
        /// Loaded, some rows rejected (stored in `rejected_rows`).
        case rejections
        /// Same checksum already loaded for this source: nothing done.
        case unchanged
        /// Refused whole: the warehouse is as it was.
        case failed
        /// Found in a directory but not recognised as any source.
        case skipped
    }

    public var path: String
    /// The sheet read, for a workbook; the member read, for a zip archive of Melodi datasets.
    public var sheet: String?
    public var status: Status
    public var sourceID: String?
    public var vintage: String?
    public var encoding: String?
    public var counts = FileCounts()
    public var valuesLoaded = 0
    public var seconds = 0.0
    public var repairs: String?
    public var replacedFileID: Int64?
    public var unusedColumns: [String] = []
    /// The first few rejections, for the terminal; all of them are in the warehouse.
    public var firstRejections: [Rejection] = []
    public var message: String?
    /// Why the file was refused, with its code and remedy (status `failed`).
    public var error: ObservatoireError?

    public init(path: String, status: Status) {
        self.path = path
        self.status = status
    }
}
