import Core
import Foundation
import GRDB
import Logging
import Warehouse

/// `warehouse copy --from postgresql://… --to FILE`: a warehouse kept in PostgreSQL back into
/// a new SQLite file (a laptop copy), made with the schema of this version, each of its
/// tables filled from the schema's table of the same name in one transaction, then counted
/// and checksummed against PostgreSQL before the commit. On any failure the new file goes.
public struct WarehouseCopyBack {
    public let url: PostgresURL
    public let path: String
    public let logger: Logger

    public init(from url: PostgresURL, to path: String, logger: Logger) {
        self.url = url
        self.path = path
        self.logger = logger
    }

    public func run() throws -> [WarehouseCopy.TableReport] {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw ObservatoireError(.postgres, "\(path) exists: copy into a new file")
        }
        let schema = PostgresSchema(connection: try PostgresConnection(url), name: url.schema)
        do {
            let warehouse = try Warehouse(path: path)
            let tables = try warehouse.read { try TableDump.tables($0) }
            let reports = try warehouse.write { db in
                try TableDump.deferForeignKeys(db)
                return try tables.map { table in try copy(table, schema, db) }
            }
            try warehouse.checkpoint()
            logger.info("Copied warehouse", metadata: [
                "from": "\(url.redacted)", "to": "\(path)", "tables": "\(reports.count)", "rows": "\(reports.map(\.rows).reduce(0, +))",
            ])
            return reports
        } catch {
            for file in [path, path + "-wal", path + "-shm", path + ".lock"] { try? FileManager.default.removeItem(atPath: file) }
            throw error
        }
    }

    /// One table: its columns' types as PostgreSQL holds them, the rows inserted, then the
    /// SQLite table read back and hashed as the rows that came.
    private func copy(_ table: TableDump.Table, _ schema: PostgresSchema, _ db: Database) throws -> WarehouseCopy.TableReport {
        let types = try schema.columnTypes(of: table.name).mapValues(ColumnType.init(postgres:))
        guard !types.isEmpty else {
            throw ObservatoireError(.postgres, "schema \(url.schema) at \(url.redacted) has no table \(table.name): copy a warehouse of this version into it first")
        }
        let columns = try table.columns.map { column in
            guard let type = types[column.name] else {
                throw ObservatoireError(.postgres, "table \(table.name) at \(url.redacted) has no column \(column.name)")
            }
            return type
        }
        let rows = try schema.rows(of: table.name, columns: table.columns.map(\.name))
        let loader = try TableDump.Loader(table: table, db)
        var sent: UInt64 = 0
        for row in rows {
            sent &+= WarehouseCopy.hash(zip(row, columns).map { $1.canonical(postgres: $0) })
            try loader.insert(zip(row, columns).map { $1.cell(postgres: $0) })
        }
        var found: UInt64 = 0
        var count = 0
        try TableDump.forEachRow(of: table, db) { cells in
            found &+= WarehouseCopy.hash(zip(cells, columns).map { $1.text(of: $0) })
            count += 1
        }
        guard count == rows.count, found == sent else {
            throw ObservatoireError(.copyMismatch, "table \(table.name): \(rows.count) rows at \(url.redacted), \(count) in \(path), "
                + "checksums \(sent) and \(found)")
        }
        return WarehouseCopy.TableReport(name: table.name, rows: count, checksum: found)
    }
}

extension ColumnType {
    /// The type of a column as `information_schema.columns.data_type` names it.
    init(postgres type: String) {
        switch type {
        case "bigint", "integer", "smallint": self = .integer
        case "double precision", "real", "numeric": self = .real
        case "bytea": self = .blob
        default: self = .text
        }
    }

    /// A cell PostgreSQL returned as text, as SQLite stores it.
    func cell(postgres value: String?) -> TableDump.Cell {
        guard let value else { return .null }
        switch self {
        case .integer: return Int64(value).map(TableDump.Cell.integer) ?? .text(value)
        case .real: return Double(value).map(TableDump.Cell.real) ?? .text(value)
        case .blob: return .blob(Self.bytes(fromHex: value.hasPrefix("\\x") ? String(value.dropFirst(2)) : value))
        case .text: return .text(value)
        }
    }

    static func bytes(fromHex hex: String) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(hex.utf8.count / 2)
        var high: UInt8?
        for character in hex.utf8 {
            let nibble: UInt8 = switch character {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): character - UInt8(ascii: "A") + 10
            default: 0
            }
            if let first = high {
                bytes.append(first << 4 | nibble)
                high = nil
            } else {
                high = nibble
            }
        }
        return bytes
    }
}
