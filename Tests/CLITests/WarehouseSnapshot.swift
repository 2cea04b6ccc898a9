import Foundation
import GRDB

/// What a warehouse file holds, read from outside the process that writes it: its
/// integrity check and every row of every table but the run journal, so that "as it was
/// before the command" can be compared whatever the command's run id.
struct WarehouseSnapshot: Equatable {
    let integrity: String
    let dump: String

    init(path: String) throws {
        let queue = try DatabaseQueue(path: path)
        (integrity, dump) = try queue.read { db in
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "\n")
            let tables = try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('runs', 'grdb_migrations') AND name NOT LIKE 'sqlite_%' ORDER BY name
                """)
            let dump = try tables.map { table in
                let rows = try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\"").map(\.description).sorted()
                return "\(table):\n" + rows.joined(separator: "\n")
            }.joined(separator: "\n")
            return (integrity, dump)
        }
    }

    /// Runs left `running`: a killed command's, until the next command closes them.
    static func runsStillRunning(path: String) throws -> Int {
        try DatabaseQueue(path: path).read { try Int.fetchOne($0, sql: "SELECT count(*) FROM runs WHERE status = 'running'") ?? 0 }
    }
}

/// Asks SQLite whether another connection holds the warehouse's write transaction, without
/// waiting: `BEGIN IMMEDIATE` is refused with SQLITE_BUSY while one is open.
final class WriterProbe {
    private let queue: DatabaseQueue

    init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .immediateError
        queue = try DatabaseQueue(path: path, configuration: configuration)
    }

    var writerIsBusy: Bool {
        do {
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "BEGIN IMMEDIATE")
                try db.execute(sql: "ROLLBACK")
            }
            return false
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
            return true
        } catch {
            return false
        }
    }
}
