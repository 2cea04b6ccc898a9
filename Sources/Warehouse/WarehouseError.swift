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
        self.init(message: error.message ?? "\(error)", path: path,
                  sqliteCode: error.resultCode.rawValue, sql: error.sql)
    }

    public var description: String {
        var text = "warehouse \(path): "
        if let sqliteCode { text += "SQLite error \(sqliteCode): " }
        text += message
        if let sql { text += " - while executing `\(sql)`" }
        return text
    }
}
