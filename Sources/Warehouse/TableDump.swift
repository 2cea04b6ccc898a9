import Foundation
import GRDB

/// Every table of the warehouse as plain rows, for `warehouse copy`: their names and
/// declared column types in the order of the schema, and their rows cell by cell, streamed.
public enum TableDump {
    /// A column as the schema declares it, and whether it holds bytes.
    public struct Column: Sendable, Equatable {
        public let name: String
        /// `INTEGER`, `REAL`, `TEXT`, `BLOB`, or what else the schema says (empty when nothing).
        public let declaredType: String
        /// Whether a cell holds bytes that are no UTF-8 text: a BLOB, which SQLite keeps
        /// whatever the declared type, or TEXT that is not valid UTF-8 (the packed rows of
        /// `indicator_rows.cells`, declared TEXT).
        public let holdsBytes: Bool
    }

    public struct Table: Sendable, Equatable {
        public let name: String
        public let columns: [Column]
    }

    /// One cell as SQLite holds it.
    public enum Cell: Sendable, Equatable {
        case null, integer(Int64), real(Double), text(String), blob([UInt8])
    }

    /// The tables (not the views), in the order they were created: a table referenced by
    /// another comes before it.
    public static func tables(_ db: Database) throws -> [Table] {
        try String.fetchAll(db, sql: """
            SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%' ORDER BY rowid
            """).map { name in
            let columns = try Row.fetchAll(db, sql: "SELECT name, type FROM pragma_table_info(?) ORDER BY cid", arguments: [name]).map { row in
                let column: String = row["name"]
                return Column(name: column, declaredType: (row["type"] as String?) ?? "", holdsBytes: try holdsBytes(name, column, db))
            }
            return Table(name: name, columns: columns)
        }
    }

    /// Whether a BLOB, or a TEXT that is not valid UTF-8, is in the column: read as raw bytes.
    private static func holdsBytes(_ table: String, _ column: String, _ db: Database) throws -> Bool {
        let cells = try Row.fetchCursor(db, sql: """
            SELECT typeof("\(column)") = 'blob', "\(column)" FROM "\(table)" WHERE typeof("\(column)") IN ('blob', 'text')
            """)
        while let row = try cells.next() {
            if row[0] as Bool { return true }
            if try row.withUnsafeData(atIndex: 1, { data in data.map { String(validating: $0, as: UTF8.self) == nil } ?? false }) { return true }
        }
        return false
    }

    /// Calls `body` with every row of `table` (a name `tables` gave); a TEXT cell that is
    /// not valid UTF-8 comes as its bytes.
    public static func forEachRow(of table: Table, _ db: Database, _ body: ([Cell]) throws -> Void) throws {
        let quoted = table.columns.map { "\"\($0.name)\"" }.joined(separator: ", ")
        let rows = try Row.fetchCursor(db, sql: "SELECT \(quoted) FROM \"\(table.name)\"")
        while let row = try rows.next() {
            try body(try (0..<table.columns.count).map { index in
                switch row[index] as DatabaseValue {
                case let value where value.isNull: .null
                case let value:
                    switch value.storage {
                    case .int64(let number): .integer(number)
                    case .double(let number): .real(number)
                    case .string(let text):
                        try row.withUnsafeData(atIndex: index) { data in
                            data.map { bytes in String(validating: bytes, as: UTF8.self).map(Cell.text) ?? .blob([UInt8](bytes)) } ?? .text(text)
                        }
                    case .blob(let data): .blob([UInt8](data))
                    case .null: .null
                    }
                }
            })
        }
    }
}

extension TableDump {
    /// Inserts rows into `table` of this warehouse, one statement prepared for them all.
    public struct Loader {
        private let insert: Statement

        public init(table: Table, _ db: Database) throws {
            let columns = table.columns.map { "\"\($0.name)\"" }
            insert = try db.makeStatement(sql: """
                INSERT INTO "\(table.name)" (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))
                """)
        }

        public func insert(_ cells: [Cell]) throws {
            try insert.execute(arguments: StatementArguments(cells.map { cell -> (any DatabaseValueConvertible)? in
                switch cell {
                case .null: nil
                case .integer(let number): number
                case .real(let number): number
                case .text(let text): text
                case .blob(let bytes): Data(bytes)
                }
            }))
        }
    }

    /// Checks the foreign keys at the commit rather than row by row, so that tables load
    /// in any order.
    public static func deferForeignKeys(_ db: Database) throws {
        try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
    }
}
