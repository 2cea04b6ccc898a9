import Core
import Foundation
import GRDB
import Logging
import Postgres
import Reports
import Territories
import TestSupport
import Testing
import Warehouse

/// `warehouse copy` into a real PostgreSQL: the throwaway cluster `.ci/run` starts
/// (scripts/postgres-test-cluster), named by OBSERVATOIRE_TEST_POSTGRES, its password in
/// PGPASSWORD. Skipped, saying so, where none is given.
@Suite(.enabled(if: PostgresServer.url != nil, PostgresServer.absent), .serialized)
struct WarehouseCopyTests {
    /// The demo, loaded, normalised and computed.
    static let demo: Result<Sandbox, any Error> = Result {
        let sandbox = try Sandbox()
        _ = try sandbox.ingest([packageRoot.appendingPathComponent("raw/demo").path])
        try sandbox.normalise(2024, zonesDirectory: packageRoot.appendingPathComponent("pipelines/zones").path)
        try sandbox.compute()
        return sandbox
    }

    static func url(schema: String) throws -> PostgresURL {
        try PostgresURL(try #require(PostgresServer.url) + "?schema=\(schema)")
    }

    @Test func theDemoIsCopiedTableByTableAndCountsAgree() throws {
        let sandbox = try Self.demo.get()
        let url = try Self.url(schema: "copy_demo")
        let reports = try WarehouseCopy(from: sandbox.warehouse, to: url, logger: .quiet).run(replace: true)
        let tables = try sandbox.warehouse.read { try TableDump.tables($0) }
        #expect(reports.map(\.name) == tables.map(\.name))
        #expect(reports.count > 40)
        let connection = try PostgresConnection(url)
        for report in reports {
            let rows: Int = try sandbox.scalar("SELECT count(*) FROM \"\(report.name)\"") ?? -1
            let copied = try connection.execute("SELECT count(*) FROM copy_demo.\"\(report.name)\"")[0][0].flatMap { Int($0) }
            #expect(copied == rows && report.rows == rows, "\(report.name): \(rows) rows in SQLite, \(copied ?? -1) in PostgreSQL")
        }
        // A value read back as it was: Lens's packed indicator row, character for character.
        let lens: String? = try sandbox.scalar("SELECT cells FROM indicator_rows WHERE territory = 'COM:62498'")
        let copied = try connection.execute("SELECT cells FROM copy_demo.indicator_rows WHERE territory = 'COM:62498'")
        #expect(lens != nil && copied.first?.first == lens)
    }

    /// There and back: the demo into PostgreSQL, then into a new SQLite file, every table
    /// checked both ways; the portrait of the basin made from the copy is the portrait made
    /// from the demo, byte for byte but for when and in which run it was made.
    @Test func thereAndBackTheBasinsPortraitIsTheSame() throws {
        let sandbox = try Self.demo.get()
        let url = try Self.url(schema: "copy_back")
        let there = try WarehouseCopy(from: sandbox.warehouse, to: url, logger: .quiet).run(replace: true)
        let path = sandbox.directory.appendingPathComponent("back-\(UUID().uuidString).sqlite").path
        let back = try WarehouseCopyBack(from: url, to: path, logger: .quiet).run()
        #expect(back.map(\.name) == there.map(\.name) && back.map(\.rows) == there.map(\.rows))
        #expect(throws: ObservatoireError.self) { _ = try WarehouseCopyBack(from: url, to: path, logger: .quiet).run() }

        func portrait(_ warehouse: Warehouse) throws -> String {
            let layout = try PortraitLayout(path: packageRoot.appendingPathComponent("pipelines/reports/portrait.yaml").path)
            let directory = try TerritoryDirectory(warehouse: warehouse, geography: 2024)
            let made = try PortraitJob(warehouse: warehouse, layout: layout, directory: directory, logger: .quiet)
                .run(territories: ["ZONE:bassin-minier"], command: "test", now: Date(timeIntervalSince1970: 1_800_000_000))[0]
            let templates = try PortraitTemplates(directory: packageRoot.appendingPathComponent("pipelines/reports/templates").path)
            return try PortraitRenderer(templates: templates).text(made, format: .html)
                .replacing(/exécution n° [0-9]+/, with: "exécution n° N")
        }
        let original = try portrait(sandbox.warehouse)
        let copied = try portrait(try Warehouse(path: path))
        #expect(original.count > 100_000)
        #expect(copied == original)
    }

    @Test func aSchemaAlreadyHoldingTablesIsRefusedUnlessReplaced() throws {
        let sandbox = try Self.demo.get()
        let url = try Self.url(schema: "copy_again")
        let copy = WarehouseCopy(from: sandbox.warehouse, to: url, logger: .quiet)
        _ = try copy.run(replace: true)
        let refused = #expect(throws: ObservatoireError.self) { _ = try copy.run(replace: false) }
        #expect(refused?.message.contains("already holds") == true, "\(String(describing: refused))")
        #expect(try copy.run(replace: true).count > 40)
    }

    /// A value PostgreSQL refuses (text in an INTEGER column, which SQLite keeps): the
    /// error names the table, and the schema is left as it was, empty.
    @Test func aFailedCopyLeavesNothing() throws {
        let sandbox = try Sandbox()
        try sandbox.warehouse.write { db in
            try db.execute(sql: "CREATE TABLE odd (n INTEGER)")
            try db.execute(sql: "INSERT INTO odd VALUES (1), ('not a number')")
        }
        let url = try Self.url(schema: "copy_failed")
        let error = #expect(throws: ObservatoireError.self) {
            _ = try WarehouseCopy(from: sandbox.warehouse, to: url, logger: .quiet).run(replace: true)
        }
        #expect(error?.description.contains("odd") == true, "\(String(describing: error))")
        let left = try PostgresConnection(url).execute("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'copy_failed'")
        #expect(left.first?.first == "0")
    }

    /// Bytes are kept as bytes: a BLOB, and a TEXT cell that is no valid UTF-8 (which
    /// SQLite keeps), make the column bytea, each cell copied byte for byte.
    @Test func bytesThatAreNoTextAreCopiedByteForByte() throws {
        let sandbox = try Sandbox()
        try sandbox.warehouse.write { db in
            try db.execute(sql: "CREATE TABLE packed (id INTEGER, cells TEXT, data BLOB)")
            try db.execute(sql: "INSERT INTO packed VALUES (1, 'plain text', x'00FF10'), (2, CAST(x'C328FF' AS TEXT), NULL)")
        }
        let url = try Self.url(schema: "copy_bytes")
        _ = try WarehouseCopy(from: sandbox.warehouse, to: url, logger: .quiet).run(replace: true)
        let rows = try PostgresConnection(url).execute("SELECT id, encode(cells, 'hex'), encode(data, 'hex') FROM copy_bytes.packed ORDER BY id")
        #expect(rows == [["1", "706c61696e2074657874", "00ff10"], ["2", "c328ff", nil]])
    }

    /// The roles docs/postgresql.md describes: a loader that owns the schema and writes, a
    /// reader for analysts and BI tools that reads every table the loader makes and can
    /// write none, again after a copy with --replace.
    @Test func theReaderRoleReadsAndCannotWrite() throws {
        let sandbox = try Self.demo.get()
        let admin = try PostgresConnection(try Self.url(schema: "public"))
        let (loaderPassword, readerPassword) = (UUID().uuidString, UUID().uuidString)
        for statement in [
            "DROP SCHEMA IF EXISTS roles_test CASCADE", "DROP ROLE IF EXISTS obs_reader", "DROP ROLE IF EXISTS obs_loader",
            "CREATE ROLE obs_loader LOGIN PASSWORD '\(loaderPassword)'", "CREATE ROLE obs_reader LOGIN PASSWORD '\(readerPassword)'",
            "CREATE SCHEMA roles_test AUTHORIZATION obs_loader", "GRANT USAGE ON SCHEMA roles_test TO obs_reader",
            "ALTER DEFAULT PRIVILEGES FOR ROLE obs_loader IN SCHEMA roles_test GRANT SELECT ON TABLES TO obs_reader",
        ] {
            try admin.execute(statement)
        }
        let server = try #require(PostgresServer.url)
        func url(_ role: String, _ password: String) throws -> PostgresURL {
            try PostgresURL(server.replacingOccurrences(of: "observatoire@", with: "\(role):\(password)@") + "?schema=roles_test")
        }
        let copy = WarehouseCopy(from: sandbox.warehouse, to: try url("obs_loader", loaderPassword), logger: .quiet)
        _ = try copy.run(replace: true)
        _ = try copy.run(replace: true)
        let reader = try PostgresConnection(try url("obs_reader", readerPassword))
        #expect(try reader.execute("SELECT count(*) FROM roles_test.territories")[0][0].flatMap { Int($0) } ?? 0 > 300)
        let insert = #expect(throws: ObservatoireError.self) {
            try reader.execute("INSERT INTO roles_test.runs (run_id, command, started_at, status) VALUES (999, 'x', 'x', 'running')")
        }
        #expect(insert?.cause?.contains("permission denied") == true, "\(String(describing: insert))")
        #expect(throws: ObservatoireError.self) { try reader.execute("CREATE TABLE roles_test.intruder (n int)") }
        #expect(throws: ObservatoireError.self) { try reader.execute("DELETE FROM roles_test.territories") }
    }

    @Test func aPasswordNeverAppearsInAnError() throws {
        let base = try #require(PostgresServer.url)
        let secret = "S3cret-\(UUID().uuidString.prefix(8))"
        let withPassword = base.replacingOccurrences(of: "observatoire@", with: "observatoire:\(secret)@")
        let error = #expect(throws: ObservatoireError.self) { _ = try PostgresConnection(try PostgresURL(withPassword)) }
        let text = "\(String(describing: error)) \(error?.remedy ?? "")"
        #expect(!text.contains(secret), "\(text)")
        #expect(text.contains("observatoire:****@"))
    }

    @Test func urlsAreReadAndTheirPasswordHidden() throws {
        let url = try PostgresURL("postgresql://loader:pa55@db.example:5433/observatoire?schema=obs&sslmode=require")
        #expect(url.schema == "obs")
        #expect(url.connectionString == "postgresql://loader:pa55@db.example:5433/observatoire?sslmode=require")
        #expect(url.redacted == "postgresql://loader:****@db.example:5433/observatoire?schema=obs&sslmode=require")
        #expect(try PostgresURL("postgresql://h/db").schema == "observatoire")
        #expect(throws: ObservatoireError.self) { try PostgresURL("postgresql://h/db?schema=Drop;Table") }
        #expect(throws: ObservatoireError.self) { try PostgresURL("warehouse.sqlite") }
    }
}
