import Catalog
import Compute
import Core
import Export
import Foundation
import Indicators
import Ingest
import Logging
import Territories
import Testing
import TestSupport

/// Names and values that look like SQL, fed through every path that reaches SQL: they are
/// data, never statements. Read-only commands fail or succeed cleanly and leave every table
/// with its rows; an ingested file with such column names and values stores them verbatim.
@Suite struct SQLLookingInputTests {
    static let injection = "x'); DROP TABLE observations; --"
    static let base = """
        CODGEO;P21_POP;P21_POP0014
        62001;1000;200
        62003;500;50
        59001;300;s

        """

    /// The fixture geography with a census file and a zone whose label is SQL-looking, computed.
    private func computed() throws -> Sandbox {
        let sandbox = try Sandbox()
        try sandbox.loadFixtureGeography()
        #expect(try sandbox.ingest(sandbox.write("base-cc-2021.csv", Self.base), IngestOptions(geographyOfInput: 2024)).status == .loaded)
        try sandbox.write("zones/quoted.yaml", """
            id: quoted
            label: "L'Ouest \\"uni\\"'; DROP TABLE territories; --"
            geography: 2024
            communes: ["62001", "62003"]
            """)
        try sandbox.normalise(2024, zonesDirectory: sandbox.directory.appendingPathComponent("zones").path)
        try sandbox.compute()
        return sandbox
    }

    private func tables(_ sandbox: Sandbox) throws -> [String] {
        try sandbox.lines("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name")
    }

    @Test func readingCommandsTakeSQLLookingArgumentsAsData() throws {
        let sandbox = try computed()
        let before = try sandbox.dump()
        let tablesBefore = try tables(sandbox)
        let directory = try TerritoryDirectory(warehouse: sandbox.warehouse, geography: 2024)

        // export --within "x'; DROP TABLE files; --", and territories show with a quoted zone id
        for argument in ["x'; DROP TABLE files; --", "ZONE:a'b\"c", "COM:62001' OR '1'='1"] {
            #expect(throws: (any Error).self) { try directory.resolve(argument) }
        }
        // territories search "'; DROP TABLE territories; --" looks for the words drop, table and
        // territories: the zone whose label holds them
        #expect(try directory.search("'; DROP TABLE territories; --").map(\.id) == ["ZONE:quoted"])
        #expect(try directory.search("' OR 1=1 --").isEmpty)

        // export --indicators with quotes: refused as unknown, naming it
        let exporter = Exporter(warehouse: sandbox.warehouse, logger: Logger(label: "tests", factory: { _ in SwiftLogNoOpLogHandler() }))
        let output = sandbox.directory.appendingPathComponent("out.csv").path
        let quoted = ExportRequest(indicators: ["population", "a'b\"); DROP TABLE indicators; --"], level: .commune, within: "FR", geography: 2024)
        #expect(throws: ObservatoireError(.export, "no computed indicator 'a'b\"); DROP TABLE indicators; --': check `observatoire indicators list` and run `observatoire compute`")) {
            try exporter.export(quoted, format: .csv, to: output)
        }
        // an unresolved --within reaching the query matches nothing
        let within = ExportRequest(indicators: ["population"], level: .commune, within: "FR' OR 1=1; DROP TABLE files; --", geography: 2024)
        #expect(try exporter.export(within, format: .json, to: output).rows.isEmpty)

        // reconcile --indicators "a'b"
        #expect(throws: ObservatoireError(.indicator, "no computed indicator 'a'b': check `observatoire indicators list` and run `observatoire compute`")) {
            try Reconciliation(warehouse: sandbox.warehouse, indicators: ["a'b", Self.injection])
        }

        #expect(try tables(sandbox) == tablesBefore)
        #expect(try sandbox.dump() == before)
    }

    @Test func aZoneLabelWithQuotesIsStoredVerbatimAndAQuotedZoneIDIsRefused() throws {
        let sandbox = try computed()
        #expect(try sandbox.lines("SELECT name FROM territories WHERE territory = 'ZONE:quoted'") == [
            "L'Ouest \"uni\"'; DROP TABLE territories; --",
        ])
        try sandbox.write("bad-zones/quote.yaml", """
            id: "a'b"
            label: Quoted
            geography: 2024
            communes: ["62001"]
            """)
        #expect(throws: ObservatoireError.self) { try ZoneCatalog(directory: sandbox.directory.appendingPathComponent("bad-zones").path) }
    }

    @Test func columnsNamedLikeSQLAreVariablesAndSQLLookingValuesAreRejectedVerbatim() throws {
        let sandbox = try computed()
        let tablesBefore = try tables(sandbox)
        let path = try sandbox.write("odd-2021.csv", """
            CODGEO;"a""b";"\(Self.injection)";LIBGEO
            62001;1;2;"'); DROP TABLE files; --"
            62003;3;"'); DELETE FROM observations; --";"Robert'); DROP TABLE communes;--"

            """)
        let outcome = try sandbox.ingest(path)
        #expect(outcome.status == .rejections)
        #expect(try sandbox.lines("SELECT variable, territory_code, value FROM v_observations WHERE file_id = (SELECT max(file_id) FROM files) ORDER BY 1, 2") == [
            "a\"b | 62001 | 1.0", "\(Self.injection) | 62001 | 2.0",
        ])
        #expect(try sandbox.lines("SELECT line, column_name, value FROM rejected_rows") == [
            "3 | \(Self.injection) | '); DELETE FROM observations; --",
        ])
        #expect(try tables(sandbox) == tablesBefore)
        #expect(try sandbox.scalar("SELECT count(*) FROM files") == 6)
        #expect(try sandbox.scalar("SELECT count(*) FROM observations WHERE file_id != (SELECT max(file_id) FROM files)") == 6)

        // normalise and compute go through them too.
        try sandbox.normalise(2024)
        try sandbox.compute()
        #expect(try sandbox.lines("SELECT DISTINCT variable FROM v_normalised WHERE file_id = (SELECT max(file_id) FROM files) ORDER BY 1") == [
            "a\"b", Self.injection,
        ])
        #expect(try tables(sandbox) == tablesBefore)
    }
}
