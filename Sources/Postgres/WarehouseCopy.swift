import Core
import Foundation
import Logging
import Warehouse

/// `warehouse copy`: every table of a SQLite warehouse into a schema of PostgreSQL, in one
/// transaction, through `COPY … FROM STDIN`; then each table read back and compared, by its
/// number of rows and a checksum of its cells, before the transaction commits. A
/// difference, or any failure, rolls everything back: the schema is as it was.
public struct WarehouseCopy {
    /// What was copied of one table, and found again.
    public struct TableReport: Sendable, Equatable {
        public let name: String
        public let rows: Int
        /// Order-independent: the wrapping sum of a hash of each row's cells.
        public let checksum: UInt64
    }

    public let warehouse: Warehouse
    public let url: PostgresURL
    public let logger: Logger

    public init(from warehouse: Warehouse, to url: PostgresURL, logger: Logger) {
        self.warehouse = warehouse
        self.url = url
        self.logger = logger
    }

    /// - Parameter replace: drop the tables a previous copy left in the schema (the schema
    ///   and its grants stay); without it a schema that holds tables is refused.
    public func run(replace: Bool) throws -> [TableReport] {
        let schema = PostgresSchema(connection: try PostgresConnection(url), name: url.schema)
        try schema.begin()
        do {
            let existing = try schema.tableNames()
            if !existing.isEmpty {
                guard replace else {
                    throw ObservatoireError(.postgres, "schema \(url.schema) at \(url.redacted) already holds \(existing.count) tables: "
                        + "copy with --replace to replace them, or into another ?schema=")
                }
                // The tables go, not the schema: its grants (the reader role's) stay.
                for table in existing { try schema.drop(table) }
            }
            try schema.createIfAbsent()
            let tables = try warehouse.read { try TableDump.tables($0) }
            var reports: [TableReport] = []
            for table in tables {
                let written = try copy(table, into: schema)
                let found = try readBack(table, from: schema)
                guard found == written else {
                    throw ObservatoireError(.copyMismatch, "table \(table.name): \(written.rows) rows copied, \(found.rows) found at "
                        + "\(url.redacted), checksums \(written.checksum) and \(found.checksum)")
                }
                reports.append(written)
                logger.debug("Copied table", metadata: ["table": "\(table.name)", "rows": "\(written.rows)"])
            }
            try schema.commit()
            logger.info("Copied warehouse", metadata: [
                "from": "\(warehouse.path)", "to": "\(url.redacted)", "tables": "\(reports.count)", "rows": "\(reports.map(\.rows).reduce(0, +))",
            ])
            return reports
        } catch {
            schema.rollback()
            throw error
        }
    }

    /// Creates the table and copies its rows; its count and checksum as sent.
    private func copy(_ table: TableDump.Table, into schema: PostgresSchema) throws -> TableReport {
        let types = table.columns.map(ColumnType.init(column:))
        let columns = table.columns.map(\.name)
        try schema.create(table.name, columns: zip(columns, types).map { ($0, $1.postgres) })
        var rows = 0
        var checksum: UInt64 = 0
        try schema.copy(into: table.name, columns: columns) { send in
            try warehouse.read { db in
                try TableDump.forEachRow(of: table, db) { cells in
                    let texts = zip(cells, types).map { $1.text(of: $0) }
                    checksum &+= Self.hash(texts)
                    rows += 1
                    try send(texts.map(PostgresConnection.copyText).joined(separator: "\t"))
                }
            }
        }
        return TableReport(name: table.name, rows: rows, checksum: checksum)
    }

    /// The table as PostgreSQL holds it, counted and hashed the same way.
    private func readBack(_ table: TableDump.Table, from schema: PostgresSchema) throws -> TableReport {
        let types = table.columns.map(ColumnType.init(column:))
        let rows = try schema.rows(of: table.name, columns: table.columns.map(\.name))
        var checksum: UInt64 = 0
        for row in rows {
            checksum &+= Self.hash(zip(row, types).map { $1.canonical(postgres: $0) })
        }
        return TableReport(name: table.name, rows: rows.count, checksum: checksum)
    }

    /// FNV-1a, 64 bits, of the cells (NULL apart from every text).
    static func hash(_ cells: [String?]) -> UInt64 {
        var hash: UInt64 = 0xcbf29ce484222325
        for cell in cells {
            for byte in (cell.map { "v" + $0 } ?? "n").utf8 + [0x1F] {
                hash ^= UInt64(byte)
                hash = hash &* 0x100000001b3
            }
        }
        return hash
    }
}

/// A column's type in PostgreSQL, from its type declared in SQLite (SQLite's affinity
/// rules), and each cell's text as COPY sends it and as it comes back.
enum ColumnType {
    case integer, real, blob, text

    /// A column that holds bytes is `bytea` whatever its declared type (its text cells as
    /// their UTF-8 bytes), so that no byte is lost.
    init(column: TableDump.Column) {
        let type = column.declaredType.uppercased()
        if column.holdsBytes { self = .blob }
        else if type.contains("INT") { self = .integer }
        else if type.contains("REAL") || type.contains("FLOA") || type.contains("DOUB") { self = .real }
        else if type.contains("BLOB") { self = .blob }
        else { self = .text }
    }

    var postgres: String {
        switch self {
        case .integer: "bigint"
        case .real: "double precision"
        case .blob: "bytea"
        case .text: "text"
        }
    }

    /// The cell as COPY's text for this column, nil for NULL.
    func text(of cell: TableDump.Cell) -> String? {
        switch (self, cell) {
        case (_, .null): nil
        case (.blob, .blob(let bytes)): "\\x" + Self.hex(bytes)
        case (.blob, .text(let text)): "\\x" + Self.hex(Array(text.utf8))
        case (_, .integer(let number)): self == .real ? "\(Double(number))" : "\(number)"
        case (_, .real(let number)): "\(number)"
        case (_, .text(let text)): text
        case (_, .blob(let bytes)): String(decoding: bytes, as: UTF8.self)
        }
    }

    /// What PostgreSQL returned for a cell, written as `text(of:)` writes it.
    func canonical(postgres value: String?) -> String? {
        guard let value else { return nil }
        switch self {
        case .real: return Double(value).map { "\($0)" } ?? value
        case .blob: return value.lowercased()
        case .integer, .text: return value
        }
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
