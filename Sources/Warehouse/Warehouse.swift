import Core
import Foundation
import GRDB

/// The SQLite warehouse: one file in WAL mode, so analysts can read while a job writes;
/// its schema changes only through the numbered migrations of `WarehouseSchema`.
public final class Warehouse: Sendable {
    public let path: String
    let pool: DatabasePool
    /// Held as long as this warehouse is open, when it was opened for writing.
    private let writerLock: WriterLock?

    /// Opens (creating if needed) the warehouse at `path` and brings its schema up to date.
    public convenience init(path: String) throws {
        try self.init(path: path, writerLock: nil)
    }

    /// Opens the warehouse for a command that writes: takes the writer lock first (waiting
    /// up to `wait` seconds for another writer), holds it while the warehouse is open, and
    /// closes the runs an earlier killed process left `running`.
    public static func openForWriting(path: String, wait: Double) throws -> Warehouse {
        let warehouse = try Warehouse(path: path, writerLock: try WriterLock(warehouse: path, wait: wait))
        try RunJournal.closeInterrupted(in: warehouse)
        return warehouse
    }

    private init(path: String, writerLock: WriterLock?) throws {
        self.path = path
        self.writerLock = writerLock
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw ObservatoireError.warehouse("cannot create the warehouse folder \(directory.path): \(error.localizedDescription)", path: path)
        }
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(30)
        configuration.prepareDatabase { db in
            // NORMAL is safe in WAL mode: a crash may lose the last commit, never corrupt.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // 8 KiB pages hold three DPE rows of ~2.5 KB where 4 KiB pages hold one: a
            // third less file to write on a bulk load. It only applies to a new file;
            // an existing warehouse keeps the page size it was created with.
            try db.execute(sql: "PRAGMA page_size = 8192")
            try db.execute(sql: "PRAGMA cache_size = -65536")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try WarehouseSchema.migrator.migrate(pool)
        } catch let error as DatabaseError {
            throw ObservatoireError.warehouse(error, path: path)
        }
    }

    /// Runs `body` in one write transaction: it commits if `body` returns, and rolls
    /// back — leaving the warehouse as it was — if `body` throws.
    public func write<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.write(body)
        } catch let error as DatabaseError {
            throw ObservatoireError.warehouse(error, path: path)
        }
    }

    /// Runs `body` on a read-only snapshot.
    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.read(body)
        } catch let error as DatabaseError {
            throw ObservatoireError.warehouse(error, path: path)
        }
    }

    /// Merges the write-ahead log into the main file, so that the `.sqlite` file alone
    /// holds everything (for copies and for readers without WAL support). It runs after a
    /// commit: when it fails (the main file cannot grow, the disk is full), the commit
    /// stands, in the log, and the error says so rather than that anything was undone.
    public func checkpoint() throws {
        do {
            _ = try pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
        } catch let error as DatabaseError {
            throw ObservatoireError.warehouse("\(error.message ?? "\(error)") while merging the write-ahead log: the last writes are committed and safe in \(path)-wal, "
                                 + "readers see them, but \(path) alone does not hold them yet (the disk may be full or a file-size limit reached); "
                                 + "keep the -wal file beside the warehouse when copying it, and the next command merges it once there is space",
                                 path: path, sqliteCode: error.resultCode.rawValue)
        }
    }
}
