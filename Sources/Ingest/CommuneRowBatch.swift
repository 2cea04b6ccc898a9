import Tabular

/// Packed rows of communes' diagnostic counts, made on the counting thread
/// (`DiagnosticCounter`) and written to the warehouse on the loader's: each commune's
/// code and cells end to end, and the columns first used by these rows.
final class CommuneRowBatch: ReusableBatch {
    /// Cells' bytes a batch holds before it is handed over.
    static let byteTarget = 1 << 18

    /// Five bytes per row.
    private var codes: [UInt8] = []
    private var cells: [UInt8] = []
    /// Where each row's cells end in `cells`.
    private var ends: [Int] = []
    /// The columns the rows of this batch use for the first time, in the order of their
    /// slots (0, 1, …): each a year × slot of `DiagnosticsLoader.slotNames` (`ColumnKey`).
    private(set) var newColumns: [DiagnosticCounter.ColumnKey] = []
    /// Values in the rows.
    private(set) var valueCount = 0

    required init() {}

    var isEmpty: Bool { ends.isEmpty }
    var isFull: Bool { cells.count >= Self.byteTarget }

    func addColumn(_ key: DiagnosticCounter.ColumnKey) {
        newColumns.append(key)
    }

    func append(commune code: [UInt8], cells packed: [UInt8], values: Int) {
        precondition(code.count == 5)
        codes.append(contentsOf: code)
        cells.append(contentsOf: packed)
        ends.append(cells.count)
        valueCount += values
    }

    /// Calls `body` with each row's commune code and cells, in the order appended.
    func forEachRow(_ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        try codes.withUnsafeBufferPointer { codes in
            try cells.withUnsafeBufferPointer { cells in
                var start = 0
                for (row, end) in ends.enumerated() {
                    try body(UnsafeBufferPointer(rebasing: codes[row * 5..<row * 5 + 5]), UnsafeBufferPointer(rebasing: cells[start..<end]))
                    start = end
                }
            }
        }
    }

    func clear() {
        codes.removeAll(keepingCapacity: true)
        cells.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        newColumns.removeAll(keepingCapacity: true)
        valueCount = 0
    }
}
