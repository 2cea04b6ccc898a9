import Core
import GRDB

/// Appends rows of one file to a typed reference table (`cog_communes`, …).
///
/// Table and column names are checked against `WarehouseSchema.referenceTables`: a source
/// definition can only name tables and columns the schema has.
public final class ReferenceTableWriter {
    private let insert: PreparedInsert
    public let columns: [String]

    public init(table: String, columns: [String], fileID: Int64, _ db: Database) throws {
        guard let allowed = WarehouseSchema.referenceTables[table] else {
            throw ObservatoireError.warehouse("unknown reference table '\(table)'; known: \(WarehouseSchema.referenceTables.keys.sorted().joined(separator: ", "))", path: db.description)
        }
        for column in columns where !allowed.contains(column) {
            throw ObservatoireError.warehouse("table \(table) has no column '\(column)'; its columns: \(allowed.joined(separator: ", "))", path: db.description)
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
