import GRDB

/// A failure of the warehouse, carrying the SQLite code and the statement that failed,
/// like GRDB's `SQLite error 19: … - while executing \`…\``.
public struct WarehouseError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var path: String
    public var sqliteCode: Int32?
    public var sql: String?

    public init(message: String, path: String, sqliteCode: Int32? = nil, sql: String? = nil) {
        self.message = message
        self.path = path
        self.sqliteCode = sqliteCode
        self.sql = sql
    }

    init(_ error: DatabaseError, path: String) {
        self.init(message: Self.explained(error), path: path,
                  sqliteCode: error.resultCode.rawValue, sql: error.sql)
    }

    /// SQLite's own words, and for a failed write what it means and what to do: "database
    /// or disk is full" and "disk I/O error" alone do not say that nothing was half-written.
    private static func explained(_ error: DatabaseError) -> String {
        let message = error.message ?? "\(error)"
        let kept = "nothing half-written stays in the warehouse (SQLite rolls the transaction back)"
        let writes: [ResultCode] = [.SQLITE_IOERR_WRITE, .SQLITE_IOERR_FSYNC, .SQLITE_IOERR_TRUNCATE, .SQLITE_IOERR_SHMSIZE, .SQLITE_IOERR_DIR_FSYNC]
        switch error.resultCode {
        case .SQLITE_FULL:
            return "\(message): the disk is full (or a file-size limit is reached); \(kept). Free some space and run the command again"
        case .SQLITE_IOERR where writes.contains(error.extendedResultCode):
            return "\(message) while writing: the disk may be full, a file-size limit reached, or the disk failing; \(kept). Check the disk and its free space, then run the command again"
        case .SQLITE_IOERR:
            return "\(message) (extended code \(error.extendedResultCode.rawValue)): the disk may be failing; \(kept). Check the disk, then run the command again"
        default:
            return message
        }
    }

    public var description: String {
        var text = "warehouse \(path): "
        if let sqliteCode { text += "SQLite error \(sqliteCode): " }
        text += message
        if let sql { text += " - while executing `\(sql)`" }
        return text
    }
}
