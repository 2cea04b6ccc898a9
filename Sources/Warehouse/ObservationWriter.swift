import GRDB

/// Appends observations of one file, in long form (`observation_values`), many rows per
/// INSERT statement.
///
/// One `sqlite3_step` per observation costs more than the insert itself: rows are held
/// back (their codes copied into one buffer) and written `rowsPerStatement` at a time, every
/// text bound without a copy. `flush()` writes what is held back; a loader calls it
/// before its file's transaction ends, and nothing reads the file's observations before.
public final class ObservationWriter {
    /// 2,048 rows of 6 values: 12,288 parameters, within SQLite's limit of 32,766.
    static let rowsPerStatement = 2048

    private struct Row {
        var codeStart: Int
        var codeCount: Int
        var level: Int
        var variableID: Int64
        var value: Double?
        var status: Int
    }

    private let fileID: Int64
    private let insert: BatchedInsert
    private var rows: [Row] = []
    private var codes: [UInt8] = []
    /// Levels and statuses seen, as bytes that live as long as the writer.
    private var levels = InternedTexts()
    private var statuses = InternedTexts()

    /// OR FAIL, and no declared foreign keys on the table (migration 008): nothing can stop
    /// the statement half-way that SQLite would have to undo, so it writes no statement
    /// journal; an error still fails the file, whose transaction or savepoint undoes it all.
    public init(fileID: Int64, _ db: Database) throws {
        self.fileID = fileID
        insert = try BatchedInsert(db, prefix: """
            INSERT OR FAIL INTO observation_values (file_id, territory_code, variable_id, territory_level, value, status) VALUES
            """, columns: 6, rowsPerStatement: Self.rowsPerStatement)
        rows.reserveCapacity(Self.rowsPerStatement)
        codes.reserveCapacity(Self.rowsPerStatement * 16)
    }

    /// Holds one value back for writing; `value` is nil exactly when `status` is not `ok`.
    @inline(__always)
    public func write(territoryCode: UnsafeBufferPointer<UInt8>, level: String, variableID: Int64,
                      value: Double?, status: String) throws {
        rows.append(Row(codeStart: codes.count, codeCount: territoryCode.count, level: levels.index(of: level),
                        variableID: variableID, value: value, status: statuses.index(of: status)))
        codes.append(contentsOf: territoryCode)
        if rows.count == Self.rowsPerStatement { try flush() }
    }

    /// Writes the observations held back.
    public func flush() throws {
        guard !rows.isEmpty else { return }
        try codes.withUnsafeBufferPointer { codes in
            try insert.write(count: rows.count) { index, insert, parameter in
                let row = rows[index]
                insert.bind(parameter, Int64?(fileID))
                insert.bind(parameter + 1, bytes: UnsafeBufferPointer(rebasing: codes[row.codeStart..<row.codeStart + row.codeCount]))
                insert.bind(parameter + 2, Int64?(row.variableID))
                insert.bind(parameter + 3, bytes: levels[row.level])
                insert.bind(parameter + 4, row.value)
                insert.bind(parameter + 5, bytes: statuses[row.status])
            }
        }
        rows.removeAll(keepingCapacity: true)
        codes.removeAll(keepingCapacity: true)
    }
}
