import GRDB
import Testing
import Warehouse

/// A load's small page cache is given back, whether the load ends or fails.
struct PageCacheTests {
    private struct Failed: Error {}

    @Test func theFormerSizeIsGivenBackAfterTheLoadAndAfterAFailure() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "PRAGMA main.cache_size = -65536")
            let during = try PageCache.limited(to: 4096, db) { try Int.fetchOne(db, sql: "PRAGMA main.cache_size") }
            #expect(during == -4096)
            #expect(try Int.fetchOne(db, sql: "PRAGMA main.cache_size") == -65536)
            #expect(throws: Failed.self) {
                try PageCache.limited(to: 4096, db) { throw Failed() }
            }
            #expect(try Int.fetchOne(db, sql: "PRAGMA main.cache_size") == -65536)
        }
    }
}
