import GRDB
import GRDBSQLite

/// A prepared statement executed many times with values bound straight through the
/// SQLite C API: the bulk-load hot path makes no `String` or `DatabaseValue` per value.
/// Every SQLite return code is checked where it is returned.
public final class PreparedInsert {
    private let statement: Statement
    private let handle: OpaquePointer
    private let connection: OpaquePointer?
    public let sql: String

    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
    private static let staticBytes = unsafeBitCast(OpaquePointer(bitPattern: 0), to: sqlite3_destructor_type.self)

    public init(_ db: Database, sql: String) throws {
        self.sql = sql
        statement = try db.makeStatement(sql: sql)
        handle = statement.sqliteStatement
        connection = db.sqliteConnection
    }

    /// Binds UTF-8 bytes that stay valid until `execute()` returns, without copying them:
    /// every parameter is bound again before the next `execute()`.
    @inline(__always)
    public func bind(_ index: Int32, bytes: UnsafeBufferPointer<UInt8>) {
        bindText(index, bytes, Self.staticBytes)
    }

    /// Binds a copy of the text. Through its bytes, not as a C string: a code, a period or
    /// a status is a small string, kept inside the `String` itself, and passing one as a C
    /// string allocates a buffer for it — millions of them when `compute` writes.
    @inline(__always)
    public func bind(_ index: Int32, _ text: String?) {
        guard var text else {
            sqlite3_bind_null(handle, index)
            return
        }
        text.withUTF8 { bindText(index, $0, Self.transient) }
    }

    @inline(__always)
    private func bindText(_ index: Int32, _ bytes: UnsafeBufferPointer<UInt8>, _ destructor: sqlite3_destructor_type) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else {
            // SQLite reads a null pointer as NULL; an empty field is the empty string.
            sqlite3_bind_text(handle, index, "", 0, Self.transient)
            return
        }
        sqlite3_bind_text(handle, index, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), Int32(bytes.count), destructor)
    }

    @inline(__always)
    public func bind(_ index: Int32, _ value: Double?) {
        if let value { sqlite3_bind_double(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }

    @inline(__always)
    public func bind(_ index: Int32, _ value: Int64?) {
        if let value { sqlite3_bind_int64(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }

    /// Runs the statement once with the values bound, then resets it for the next row.
    public func execute() throws {
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard code == SQLITE_DONE else {
            let message = connection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) } ?? "unknown error"
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: sql)
        }
    }
}
