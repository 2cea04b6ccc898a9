import Warehouse

/// A `files` row a loader recorded beside the file's own, in the same transaction: the
/// values of one level of a Melodi file (`DS_FILOSOFI_CC_data.csv [DEP]`). The ingester
/// gives it the file's checksum and its own counts when the file is done.
struct LoadPart {
    let fileID: Int64
    let counts: FileCounts
    let repairs: String?
}
