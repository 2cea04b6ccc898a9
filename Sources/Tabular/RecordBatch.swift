/// Records copied out of a reader's buffers: their bytes end to end, the end of each
/// field relative to its record's first byte.
final class RecordBatch: ReusableBatch {
    /// Plain integers only, so that appending, reading and clearing entries copies bytes
    /// and counts no references: the rare defects are kept apart.
    private struct Entry {
        let line: Int
        let byteStart: Int
        let byteCount: Int
        let fieldStart: Int
        let fieldCount: Int
    }

    static let byteTarget = 1 << 20
    static let recordTarget = 4096

    /// One stored property: appending a record is one access to check at run time
    /// (exclusivity of a class's properties), not one per array.
    private var contents = Contents()

    private struct Contents {
        var bytes: [UInt8] = []
        var ends: [Int] = []
        var entries: [Entry] = []
        /// The defective records' defects, by index in `entries`, in order.
        var defects: [(entry: Int, defect: CSVDefect)] = []

        mutating func append(_ record: CSVRecord) -> Bool {
            if let defect = record.defect { defects.append((entries.count, defect)) }
            entries.append(Entry(line: record.line, byteStart: bytes.count, byteCount: record.bytes.count,
                                 fieldStart: ends.count, fieldCount: record.ends.count))
            bytes.append(contentsOf: record.bytes)
            ends.append(contentsOf: record.ends)
            return bytes.count >= RecordBatch.byteTarget || entries.count >= RecordBatch.recordTarget
        }

        mutating func removeAll() {
            bytes.removeAll(keepingCapacity: true)
            ends.removeAll(keepingCapacity: true)
            entries.removeAll(keepingCapacity: true)
            defects.removeAll(keepingCapacity: true)
        }
    }

    required init() {}

    var isEmpty: Bool { contents.entries.isEmpty }
    /// Appends a copy of `record`; true when the batch is then full, to be handed over.
    func append(_ record: CSVRecord) -> Bool {
        contents.append(record)
    }

    func forEachRecord(_ body: (CSVRecord) throws -> Void) throws {
        let (entries, defects) = (contents.entries, contents.defects)
        try contents.bytes.withUnsafeBufferPointer { bytes in
            try contents.ends.withUnsafeBufferPointer { ends in
                var nextDefect = 0
                for (index, entry) in entries.enumerated() {
                    var defect: CSVDefect?
                    if nextDefect < defects.count, defects[nextDefect].entry == index {
                        defect = defects[nextDefect].defect
                        nextDefect += 1
                    }
                    try body(CSVRecord(line: entry.line, defect: defect,
                                       bytes: UnsafeBufferPointer(rebasing: bytes[entry.byteStart..<entry.byteStart + entry.byteCount]),
                                       ends: UnsafeBufferPointer(rebasing: ends[entry.fieldStart..<entry.fieldStart + entry.fieldCount])))
                }
            }
        }
    }

    func clear() {
        contents.removeAll()
    }
}
