import GRDB

/// The main page cache of a connection, made small for the time of one load.
///
/// Wide files and diagnostics are written as packed rows appended territory by territory:
/// such a load only needs the pages being written. The warehouse's 64 MiB cache filled up
/// to half the memory of loading the dossier complet (122 MiB at its peak, 60 MiB with
/// 4 MiB, no slower) and a third of a DPE file's.
public enum PageCache {
    /// The size a load of packed rows gets.
    public static let packedRowsKiB = 4096

    /// Runs `body` with the main page cache at `kibibytes`, and gives the cache its former
    /// size back afterwards, whether `body` returns or throws.
    public static func limited<T>(to kibibytes: Int, _ db: Database, _ body: () throws -> T) throws -> T {
        let former = try Int.fetchOne(db, sql: "PRAGMA main.cache_size") ?? -2000
        try db.execute(sql: "PRAGMA main.cache_size = -\(kibibytes)")
        defer { try? db.execute(sql: "PRAGMA main.cache_size = \(former)") }
        return try body()
    }
}
