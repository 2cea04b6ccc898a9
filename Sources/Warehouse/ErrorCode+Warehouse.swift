import Core
import GRDB

/// Failures of the warehouse itself: SQLite's code and the statement that failed, like
/// GRDB's `SQLite error 19: … - while executing \`…\``, and the writer lock.
extension ErrorCode {
    public static let warehouse = ErrorCode(
        "warehouse", remedy: "nothing was half-written: the warehouse is as before the command; read SQLite's words, fix the cause (disk, permissions) and run again")
    /// A command that reads a warehouse was given a path where there is none.
    public static let missingWarehouse = ErrorCode(
        "missing-warehouse", remedy: "observatoire demo, observatoire run or observatoire ingest builds one; or give --warehouse PATH")
    /// Another process holds the warehouse's writer lock.
    public static let warehouseLocked = ErrorCode(
        "warehouse-locked", exit: .locked, remedy: "try again when the other command has finished, or pass --wait SECONDS")
}

extension ObservatoireError {
    /// A failure of the warehouse at `path`: `warehouse PATH: SQLite error N: message - while executing \`SQL\``.
    public static func warehouse(_ message: String, path: String, sqliteCode: Int32? = nil, sql: String? = nil) -> ObservatoireError {
        var text = "warehouse \(path): "
        if let sqliteCode { text += "SQLite error \(sqliteCode): " }
        text += message
        return ObservatoireError(.warehouse, text, cause: sql.map { "while executing `\($0)`" })
    }

    static func warehouse(_ error: DatabaseError, path: String) -> ObservatoireError {
        warehouse(explained(error), path: path, sqliteCode: error.resultCode.rawValue, sql: error.sql)
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
}
