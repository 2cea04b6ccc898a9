import GRDB

/// An INSERT of many rows per statement, for writers of millions of rows: one
/// `sqlite3_step` per row costs more than the insert itself. The writer holds its rows and
/// binds them on demand; full statements carry `rowsPerStatement` rows, the rest (at flush)
/// go one by one.
public final class BatchedInsert {
    public let rowsPerStatement: Int
    private let db: Database
    private let prefix: String
    private let columns: Int
    private let batch: PreparedInsert
    private var single: PreparedInsert?

    /// `prefix`: `INSERT … INTO table (columns) VALUES`; `rowsPerStatement × columns` must stay
    /// within SQLite's 32,766 parameters.
    public init(_ db: Database, prefix: String, columns: Int, rowsPerStatement: Int) throws {
        self.db = db
        self.prefix = prefix
        self.columns = columns
        self.rowsPerStatement = rowsPerStatement
        batch = try PreparedInsert(db, sql: Self.sql(prefix, columns: columns, rows: rowsPerStatement))
    }

    private static func sql(_ prefix: String, columns: Int, rows: Int) -> String {
        let row = "(" + Array(repeating: "?", count: columns).joined(separator: ", ") + ")"
        return prefix + " " + Array(repeating: row, count: rows).joined(separator: ", ")
    }

    /// Writes the writer's rows `0..<count`: `bind(row, insert, parameter)` binds one row's
    /// values from parameter `parameter` on.
    public func write(count: Int, bind: (Int, PreparedInsert, Int32) -> Void) throws {
        var start = 0
        while count - start >= rowsPerStatement {
            try write(start..<start + rowsPerStatement, with: batch, bind)
            start += rowsPerStatement
        }
        guard start < count else { return }
        if single == nil { single = try PreparedInsert(db, sql: Self.sql(prefix, columns: columns, rows: 1)) }
        for row in start..<count { try write(row..<row + 1, with: single!, bind) }
    }

    private func write(_ rows: Range<Int>, with insert: PreparedInsert, _ bind: (Int, PreparedInsert, Int32) -> Void) throws {
        var parameter: Int32 = 1
        for row in rows {
            bind(row, insert, parameter)
            parameter += Int32(columns)
        }
        try insert.execute()
    }
}
