import GRDB

/// Where a stage writes: in transactions of its own, or inside the one transaction a
/// pipeline `run` holds across all its stages — each unit of work (a file) is then a
/// savepoint, so that a refused file is undone alone, and the whole run commits or not.
public enum WriteScope {
    case warehouse(Warehouse)
    case transaction(Database)

    /// Runs `body` in a transaction, or in a savepoint of the enclosing one.
    public func write<T>(_ body: (Database) throws -> T) throws -> T {
        switch self {
        case .warehouse(let warehouse):
            return try warehouse.write(body)
        case .transaction(let db):
            var result: T?
            try db.inSavepoint {
                result = try body(db)
                return .commit
            }
            return result!
        }
    }

    /// Runs `body` on what the scope's writes can see.
    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        switch self {
        case .warehouse(let warehouse): try warehouse.read(body)
        case .transaction(let db): try body(db)
        }
    }
}
