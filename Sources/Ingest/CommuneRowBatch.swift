import Tabular

/// Communes' diagnostic counts, made on the counting thread (`DiagnosticCounter`) and
/// packed and written to the warehouse on the loader's: each commune's code and its
/// values by slot, end to end, and the columns first used by these rows. Packing them as
/// text on the loader's thread, mostly waiting on the counter by then, shortens counting,
/// the last step of a diagnostics file.
final class CommuneRowBatch: ReusableBatch {
    /// Values a batch holds before it is handed over.
    static let valueTarget = 1 << 13

    /// One stored property: appending a row is one access to check at run time
    /// (exclusivity of a class's properties), not one per value and array.
    private var rows = Rows()

    private struct Rows {
        /// Five bytes per row.
        var codes: [UInt8] = []
        var values: [(slot: Int, value: Double)] = []
        /// Where each row's values end in `values`.
        var ends: [Int] = []

        mutating func append(commune code: [UInt8], values row: [(slot: Int, value: Double)]) {
            precondition(code.count == 5)
            codes.append(contentsOf: code)
            values.append(contentsOf: row)
            ends.append(values.count)
        }

        mutating func removeAll() {
            codes.removeAll(keepingCapacity: true)
            values.removeAll(keepingCapacity: true)
            ends.removeAll(keepingCapacity: true)
        }
    }

    /// The columns the rows of this batch use for the first time, in the order of their
    /// slots (0, 1, …): each a year × slot of `DiagnosticsLoader.slotNames` (`ColumnKey`).
    private(set) var newColumns: [DiagnosticCounter.ColumnKey] = []

    required init() {}

    var isEmpty: Bool { rows.ends.isEmpty }
    var isFull: Bool { rows.values.count >= Self.valueTarget }
    /// Values in the rows.
    var valueCount: Int { rows.values.count }

    func addColumn(_ key: DiagnosticCounter.ColumnKey) {
        newColumns.append(key)
    }

    func append(commune code: [UInt8], values row: [(slot: Int, value: Double)]) {
        rows.append(commune: code, values: row)
    }

    /// Calls `body` with each row's commune code and values by slot, in the order appended.
    func forEachRow(_ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<(slot: Int, value: Double)>) throws -> Void) throws {
        let ends = rows.ends
        try rows.codes.withUnsafeBufferPointer { codes in
            try rows.values.withUnsafeBufferPointer { values in
                var start = 0
                for (row, end) in ends.enumerated() {
                    try body(UnsafeBufferPointer(rebasing: codes[row * 5..<row * 5 + 5]), UnsafeBufferPointer(rebasing: values[start..<end]))
                    start = end
                }
            }
        }
    }

    func clear() {
        rows.removeAll()
        newColumns.removeAll(keepingCapacity: true)
    }
}
