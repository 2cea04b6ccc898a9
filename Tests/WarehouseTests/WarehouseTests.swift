import Foundation
import GRDB
import Testing
@testable import Warehouse

/// The warehouse as a public interface: WAL mode, schema by migrations, documented views,
/// identifiers checked, and transactions that leave nothing behind when they fail.
@Suite struct WarehouseTests {
    private func openTemporary() throws -> Warehouse {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("warehouse-tests-\(UUID().uuidString)/nested")
        return try Warehouse(path: directory.appendingPathComponent("w.sqlite").path)
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
            #expect(throws: WarehouseError.self) {
                _ = try ReferenceTableWriter(table: "runs; DROP TABLE files", columns: ["com"], fileID: 1, db)
            }
            #expect(throws: WarehouseError.self) {
                _ = try ReferenceTableWriter(table: "cog_communes", columns: ["com\"; DROP TABLE files; --"], fileID: 1, db)
            }
        }
        #expect(try warehouse.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM sqlite_master WHERE name = 'files'") } == 1)
    }

    @Test func observationsRefuseAValueOnASecretStatus() throws {
        let warehouse = try openTemporary()
        let error = #expect(throws: WarehouseError.self) {
            try warehouse.write { db in
                try db.execute(sql: "INSERT INTO observations VALUES (1, '62498', 1, 'COM', 12.5, 'secret')")
            }
        }
        #expect(error?.sqliteCode == 19)
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
            let writer = try ObservationWriter(fileID: fileID, db)
            var code = "62498"
            try code.withUTF8 { try writer.write(territoryCode: $0, level: "COM", variableID: variable, value: 1, status: "ok") }
        }
        var second = load
        second.sha256 = "b"
        let replaced = try warehouse.write { db in try FileJournal.begin(second, runID: runID, db).replaced }
        #expect(replaced == 1)
        #expect(try warehouse.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM observations") } == 0)
        #expect(try warehouse.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM v_files") } == 1)
    }
}
