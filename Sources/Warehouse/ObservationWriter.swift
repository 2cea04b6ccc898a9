import GRDB

/// Appends observations of one file, in long form, through one prepared statement.
public final class ObservationWriter {
    private let insert: PreparedInsert
    private let fileID: Int64

    public init(fileID: Int64, _ db: Database) throws {
        self.fileID = fileID
        insert = try PreparedInsert(db, sql: """
            INSERT INTO observations (file_id, territory_code, variable_id, territory_level, value, status)
            VALUES (?, ?, ?, ?, ?, ?)
            """)
    }

    /// Writes one value; `value` is nil exactly when `status` is not `ok`.
    @inline(__always)
    public func write(territoryCode: UnsafeBufferPointer<UInt8>, level: String, variableID: Int64,
                      value: Double?, status: String) throws {
        insert.bind(1, Int64?(fileID))
        insert.bind(2, bytes: territoryCode)
        insert.bind(3, Int64?(variableID))
        insert.bind(4, level)
        insert.bind(5, value)
        insert.bind(6, status)
        try insert.execute()
    }
}

/// Appends rows of one file to a typed reference table (`cog_communes`, …).
///
/// Table and column names are checked against `WarehouseSchema.referenceTables`: a source
/// definition can only name tables and columns the schema has.
public final class ReferenceTableWriter {
    private let insert: PreparedInsert
    public let columns: [String]

    public init(table: String, columns: [String], fileID: Int64, _ db: Database) throws {
        guard let allowed = WarehouseSchema.referenceTables[table] else {
            throw WarehouseError(message: "unknown reference table '\(table)'; known: \(WarehouseSchema.referenceTables.keys.sorted().joined(separator: ", "))", path: db.description)
        }
        for column in columns where !allowed.contains(column) {
            throw WarehouseError(message: "table \(table) has no column '\(column)'; its columns: \(allowed.joined(separator: ", "))", path: db.description)
        }
        self.columns = columns
        let names = (["file_id"] + columns).map { "\"\($0)\"" }.joined(separator: ", ")
        let marks = Array(repeating: "?", count: columns.count + 1).joined(separator: ", ")
        insert = try PreparedInsert(db, sql: "INSERT INTO \"\(table)\" (\(names)) VALUES (\(marks))")
        insert.bind(1, Int64?(fileID))
    }

    /// Writes one row; `values` follow `columns`, nil for NULL.
    public func write(_ values: [String?]) throws {
        for (offset, value) in values.enumerated() {
            insert.bind(Int32(offset + 2), value)
        }
        try insert.execute()
    }
}

/// Stores rejected rows with the line, column, value and reason a user needs to fix them.
public final class RejectedRowWriter {
    private let insert: PreparedInsert
    private let fileID: Int64

    public init(fileID: Int64, _ db: Database) throws {
        self.fileID = fileID
        insert = try PreparedInsert(db, sql: "INSERT INTO rejected_rows (file_id, line, column_name, value, reason) VALUES (?, ?, ?, ?, ?)")
    }

    public func write(line: Int, column: String?, value: String?, reason: String) throws {
        insert.bind(1, Int64?(fileID))
        insert.bind(2, Int64?(Int64(line)))
        insert.bind(3, column)
        insert.bind(4, value.map { String($0.prefix(1000)) })
        insert.bind(5, reason)
        try insert.execute()
    }
}
