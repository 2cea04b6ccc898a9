import Core
import Foundation
import GRDB
import Testing
@testable import Warehouse

/// The warehouse as a public interface: WAL mode, schema by migrations, documented views,
/// identifiers checked, and transactions that leave nothing behind when they fail.
@Suite final class WarehouseTests {
    /// Every file a test makes, removed after it.
    private let directory = FileManager.default.temporaryDirectory.appendingPathComponent("warehouse-tests-\(UUID().uuidString)")

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    /// A warehouse in a folder that does not exist yet.
    private func openTemporary() throws -> Warehouse {
        try Warehouse(path: directory.appendingPathComponent("\(UUID().uuidString)/nested/w.sqlite").path)
    }

    @Test func opensInWALModeWithTheDocumentedTablesAndViews() throws {
        let warehouse = try openTemporary()
        let mode: String? = try warehouse.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
        let names = try warehouse.read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')") }
        for name in ["runs", "sources", "files", "rejected_rows", "variables", "observations", "cog_communes",
                     "cog_mouvements", "variable_dictionary", "v_observations", "v_variables", "v_files", "report_portrait"] {
            #expect(names.contains(name), "missing \(name)")
        }
        let columns = try warehouse.read { try Row.fetchAll($0, sql: "PRAGMA table_info(v_observations)").map { $0["name"] as String } }
        #expect(columns == ["source_id", "variable", "territory_code", "territory_level", "period", "value", "status", "file_id"])
    }

    @Test func reopeningKeepsDataAndAppliesNoMigrationTwice() throws {
        let warehouse = try openTemporary()
        _ = try RunJournal.start(command: "first", in: warehouse)
        let again = try Warehouse(path: warehouse.path)
        #expect(try again.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM runs") } == 1)
    }

    @Test func aNewWarehouseHas8KiBPagesAndAnOlderOneKeepsItsOwn() throws {
        let warehouse = try openTemporary()
        #expect(try warehouse.read { try Int.fetchOne($0, sql: "PRAGMA page_size") } == 8192)

        let older = directory.appendingPathComponent("older.sqlite").path
        do {
            let queue = try DatabaseQueue(path: older)
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA page_size = 4096; PRAGMA journal_mode = WAL; CREATE TABLE kept (x)")
            }
            try queue.close()
        }
        let reopened = try Warehouse(path: older)
        _ = try RunJournal.start(command: "first", in: reopened)
        #expect(try reopened.read { try Int.fetchOne($0, sql: "PRAGMA page_size") } == 4096)
        #expect(try reopened.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM runs") } == 1)
    }

    @Test func aFailingTransactionLeavesNothingBehind() throws {
        let warehouse = try openTemporary()
        struct Abort: Error {}
        #expect(throws: Abort.self) {
            try warehouse.write { db in
                try db.execute(sql: "INSERT INTO runs (command, started_at, status) VALUES ('x', 'now', 'running')")
                throw Abort()
            }
        }
        #expect(try warehouse.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM runs") } == 0)
    }

    @Test func referenceTablesAndColumnsAreCheckedAgainstTheSchema() throws {
        let warehouse = try openTemporary()
        try warehouse.write { db in
            #expect(throws: ObservatoireError.self) {
                _ = try ReferenceTableWriter(table: "runs; DROP TABLE files", columns: ["com"], fileID: 1, db)
            }
            #expect(throws: ObservatoireError.self) {
                _ = try ReferenceTableWriter(table: "cog_communes", columns: ["com\"; DROP TABLE files; --"], fileID: 1, db)
            }
        }
        #expect(try warehouse.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM sqlite_master WHERE name = 'files'") } == 1)
    }

    @Test func observationsRefuseAValueOnASecretStatus() throws {
        let warehouse = try openTemporary()
        let error = #expect(throws: ObservatoireError.self) {
            try warehouse.write { db in
                try db.execute(sql: "INSERT INTO observation_values VALUES (1, '62498', 1, 'COM', 12.5, 'secret')")
            }
        }
        #expect(error?.code == .warehouse)
        #expect(error?.message.contains("SQLite error 19") == true)
        #expect(error?.description.contains("while executing") == true)
    }

    @Test func replacingAFileRetiresItsRows() throws {
        let warehouse = try openTemporary()
        let runID = try RunJournal.start(command: "test", in: warehouse)
        let load = FileLoad(sourceID: "s", vintage: "2021", name: "f.csv", path: "/f.csv", sha256: "a",
                            sizeBytes: 1, encoding: "utf-8", delimiter: ";")
        try warehouse.write { db in
            try SourceRegistry.upsertSource(id: "s", label: "S", publisher: nil, url: nil, kind: "observations", db)
            let (fileID, _) = try FileJournal.begin(load, runID: runID, db)
            let variable = try SourceRegistry.variableID(sourceID: "s", code: "V", period: "2021", label: nil, additive: true, db)
            let writer = try PackedRowWriter(fileID: fileID, variableIDs: [variable], db)
            var cells = PackedCells()
            cells.start()
            cells.append(1)
            cells.finish()
            var code = "62498"
            try code.withUTF8 { try writer.write(territoryCode: $0, level: "COM", cells: cells) }
        }
        #expect(try warehouse.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM observations") } == 1)
        var second = load
        second.sha256 = "b"
        let replaced = try warehouse.write { db in try FileJournal.begin(second, runID: runID, db).replaced }
        #expect(replaced == 1)
        #expect(try warehouse.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM observations") } == 0)
        #expect(try warehouse.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM v_files") } == 1)
    }

    @Test func observationsLoseTheirDeclaredForeignKeysButNoRowNorTheView() throws {
        let queue = try DatabaseQueue()
        try WarehouseSchema.migrator.migrate(queue, upTo: "007-cites")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO runs (run_id, command, started_at, status) VALUES (1, 'x', 'now', 'succeeded');
                INSERT INTO sources (source_id, label, kind) VALUES ('s', 'S', 'observations');
                INSERT INTO files (file_id, run_id, source_id, vintage, name, path, sha256, size_bytes, encoding, delimiter, loaded_at)
                VALUES (1, 1, 's', '2021', 'f.csv', '/f.csv', 'a', 1, 'utf-8', ';', 'now');
                INSERT INTO variables (variable_id, source_id, code, period) VALUES (1, 's', 'V', '2021');
                INSERT INTO observations VALUES (1, '62498', 1, 'COM', 12.5, 'ok'), (1, '62001', 1, 'COM', NULL, 'secret');
                """)
        }
        let before = try queue.read { try Row.fetchAll($0, sql: "SELECT * FROM v_observations ORDER BY territory_code") }
        try WarehouseSchema.migrator.migrate(queue)
        let (after, foreignKeys, indexes) = try queue.read { db in
            (try Row.fetchAll(db, sql: "SELECT * FROM v_observations ORDER BY territory_code"),
             try Row.fetchAll(db, sql: "PRAGMA foreign_key_list(observation_values)"),
             try String.fetchAll(db, sql: "SELECT name FROM pragma_index_list('observation_values') ORDER BY name"))
        }
        #expect(after == before)
        #expect(foreignKeys.isEmpty)
        #expect(indexes == ["sqlite_autoindex_observation_values_1"])  // the index by variable goes in 011, the table is renamed in 012
        // The CHECK constraints stay: a secret never carries a number.
        let error = #expect(throws: DatabaseError.self) {
            try queue.write { try $0.execute(sql: "INSERT INTO observation_values VALUES (1, '62002', 1, 'COM', 1, 'secret')") }
        }
        #expect(error?.resultCode == .SQLITE_CONSTRAINT)
    }
    @Test func indicatorValuesKeepTheirRowsIndexAndConstraintsWhenTheirChecksAreRewritten() throws {
        let queue = try DatabaseQueue()
        try WarehouseSchema.migrator.migrate(queue, upTo: "012-packed-rows")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO runs (run_id, command, started_at, status) VALUES (1, 'x', 'now', 'succeeded');
                INSERT INTO indicators (indicator_id, label, unit, aggregation, formula) VALUES ('pop', 'Population', 'hab.', 'stock', 'P');
                INSERT INTO territories (geography, territory, level, code, name, search_name) VALUES (2024, 'COM:62001', 'COM', '62001', 'Ablain', 'ablain');
                INSERT INTO indicator_values (geography, indicator_id, territory, period, value, status, coverage, numerator,
                                              denominator, estimate, method, derived, run_id, flags)
                VALUES (2024, 'pop', 'COM:62001', '2021', 1000, 'ok', 1, NULL, NULL, 0, 'published', 990, 1, 'known issue x'),
                       (2024, 'pop', 'COM:62001', '2015', NULL, 'secret', NULL, NULL, NULL, 1, 'published', NULL, 1, NULL);
                """)
        }
        func read(_ db: Database) throws -> [[Row]] {
            try ["SELECT * FROM indicator_values ORDER BY period", "SELECT * FROM v_indicator_values ORDER BY period",
                 "SELECT * FROM v_reconciliation"].map { try Row.fetchAll(db, sql: $0) }
        }
        let before = try queue.read(read)
        try WarehouseSchema.migrator.migrate(queue, upTo: "013-indicator-value-checks")
        let (after, indexes, withoutRowID) = try queue.read { db in
            (try read(db), try String.fetchAll(db, sql: "SELECT name FROM pragma_index_list('indicator_values') ORDER BY name"),
             try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'indicator_values'")?.hasSuffix("WITHOUT ROWID"))
        }
        #expect(after == before)
        #expect(before[2].count == 1)
        #expect(indexes == ["indicator_values_by_territory", "sqlite_autoindex_indicator_values_1"])
        #expect(withoutRowID == true)
        for invalid in [
            "(2024, 'pop', 'COM:62001', '2010', 1, 'secret', 0)",   // a secret carries no number
            "(2024, 'pop', 'COM:62001', '2010', NULL, 'ok', 0)",    // an ok value has one
            "(2024, 'pop', 'COM:62001', '2010', NULL, 'zero', 0)",  // unknown status
            "(2024, 'pop', 'COM:62001', '2010', 1, 'ok', 2)",       // estimate is 0 or 1
            "(2024, 'pop', 'COM:62001', '2021', 1, 'ok', 0)",       // the key is unique
        ] {
            let error = #expect(throws: DatabaseError.self, "\(invalid)") {
                try queue.write {
                    try $0.execute(sql: "INSERT INTO indicator_values (geography, indicator_id, territory, period, value, status, estimate, method) VALUES \(invalid.dropLast()), 'm')")
                }
            }
            #expect(error?.resultCode == .SQLITE_CONSTRAINT)
        }
    }

    /// Values of two geographies at migration 013, one territory missing a slot another has,
    /// an `ok` value with every column, a withheld one, flags that need escaping.
    @Test func indicatorValuesArePackedByTerritoryAndTheViewGivesBackTheTable() throws {
        let queue = try DatabaseQueue()
        try WarehouseSchema.migrator.migrate(queue, upTo: "013-indicator-value-checks")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO runs (run_id, command, started_at, status) VALUES (1, 'x', 'now', 'succeeded'), (2, 'y', 'now', 'succeeded');
                INSERT INTO indicators (indicator_id, label, unit, aggregation, formula) VALUES ('pop', 'Population', 'hab.', 'stock', 'P'),
                    ('taux', 'Taux', '%', 'ratio', 'A / B');
                INSERT INTO territories (geography, territory, level, code, name, search_name) VALUES
                    (2024, 'COM:62001', 'COM', '62001', 'Ablain', 'ablain'), (2024, 'EPCI:200', 'EPCI', '200', 'CA', 'ca');
                INSERT INTO indicator_values (geography, indicator_id, territory, period, value, status, coverage, numerator,
                                              denominator, estimate, method, derived, run_id, flags)
                VALUES (2024, 'pop', 'COM:62001', '2021', 1000, 'ok', NULL, NULL, NULL, 0, 'published', NULL, 1, NULL),
                       (2024, 'pop', 'COM:62001', '2015', NULL, 'secret', NULL, NULL, NULL, 0, 'published', NULL, 1, NULL),
                       (2024, 'taux', 'COM:62001', '2021', 0.30000000000000004, 'ok', NULL, 3, 10, 0, 'commune components', NULL, 1, NULL),
                       (2024, 'taux', 'EPCI:200', '2021', 12.5, 'ok', 0.95, 25, 200, 1, 'ratio of sums', 12.25, 1, 'known issue "a\\b"'),
                       (2023, 'pop', 'COM:62001', '2021', NULL, 'not-applicable', NULL, NULL, NULL, 0, 'published', NULL, 2, NULL);
                """)
        }
        func read(_ db: Database) throws -> [[Row]] {
            // The columns of migration 013 (015 adds others after them).
            try ["""
                SELECT geography, indicator_id, territory, period, value, status, coverage, numerator, denominator, estimate, method,
                       derived, run_id, flags FROM indicator_values ORDER BY geography, indicator_id, territory, period
                """, """
                SELECT indicator_id, territory_code, territory_level, territory_name, period, value, status, coverage, numerator,
                       denominator, estimate, unit, method, geography, territory, flags
                FROM v_indicator_values ORDER BY geography, indicator_id, territory, period
                """, "SELECT * FROM v_reconciliation"].map { try Row.fetchAll(db, sql: $0) }
        }
        let before = try queue.read(read)
        try WarehouseSchema.migrator.migrate(queue)
        let (after, packed, type) = try queue.read { db in
            (try read(db), try Row.fetchAll(db, sql: "SELECT geography, territory, cells, run_id FROM indicator_rows ORDER BY 1, 2"),
             try String.fetchOne(db, sql: "SELECT type FROM sqlite_master WHERE name = 'indicator_values'"))
        }
        #expect(after == before)
        #expect(before[0].count == 5 && before[2].count == 1)
        #expect(type == "view")
        #expect(packed.map { "\($0[0] as Int) \($0[1] as String) \($0[3] as Int)" } == ["2023 COM:62001 2", "2024 COM:62001 1", "2024 EPCI:200 1"])
        // The EPCI has no `pop`: its first two slots are null.
        #expect((packed[2][2] as String).hasPrefix("[null,null,[12.5,"))
    }
}
