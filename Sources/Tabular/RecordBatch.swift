/// Records copied out of a reader's buffers: their bytes end to end, the end of each
/// field relative to its record's first byte.
final class RecordBatch: ReusableBatch {
    private struct Entry {
        let line: Int
        let defect: CSVDefect?
        let byteStart: Int
        let byteCount: Int
        let fieldStart: Int
        let fieldCount: Int
    }

    static let byteTarget = 1 << 20
    static let recordTarget = 4096

    private var bytes: [UInt8] = []
    private var ends: [Int] = []
    private var entries: [Entry] = []

    required init() {}

    var isEmpty: Bool { entries.isEmpty }
    var isFull: Bool { bytes.count >= Self.byteTarget || entries.count >= Self.recordTarget }

    func append(_ record: CSVRecord) {
        entries.append(Entry(line: record.line, defect: record.defect, byteStart: bytes.count, byteCount: record.bytes.count,
                             fieldStart: ends.count, fieldCount: record.ends.count))
        bytes.append(contentsOf: record.bytes)
        ends.append(contentsOf: record.ends)
    }

    func forEachRecord(_ body: (CSVRecord) throws -> Void) throws {
        try bytes.withUnsafeBufferPointer { bytes in
            try ends.withUnsafeBufferPointer { ends in
                for entry in entries {
                    try body(CSVRecord(line: entry.line, defect: entry.defect,
                                       bytes: UnsafeBufferPointer(rebasing: bytes[entry.byteStart..<entry.byteStart + entry.byteCount]),
                                       ends: UnsafeBufferPointer(rebasing: ends[entry.fieldStart..<entry.fieldStart + entry.fieldCount])))
                }
            }
        }
    }

    func clear() {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        entries.removeAll(keepingCapacity: true)
    }
}
