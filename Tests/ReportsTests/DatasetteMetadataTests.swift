import Foundation
import GRDB
import TestSupport
import Testing
import Warehouse
import Yams
@testable import Reports

struct DatasetteMetadataTests {
    @Test func everyTableAndViewIsDocumentedAndInTheReadme() throws {
        let sandbox = try Sandbox()
        let names = try sandbox.rows("""
            SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' AND name != 'grdb_migrations'
            """).map { $0["name"] as String }
        #expect(names.filter { WarehouseDocumentation.tables[$0] == nil } == [])
        #expect(WarehouseDocumentation.tables.keys.filter { !names.contains($0) }.sorted() == [])
        let readme = try String(contentsOf: packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(names.filter { !readme.contains("`\($0)`") }.sorted() == [])
    }

    @Test func theMetadataIsYAMLDatasetteReads() throws {
        let sandbox = try Sandbox()
        try sandbox.loadFixtureGeography()
        let path = try DatasetteMetadata.write(for: sandbox.warehouse)
        #expect(path.hasSuffix("warehouse.metadata.yml"))
        let document = try #require(try Yams.load(yaml: try String(contentsOfFile: path, encoding: .utf8)) as? [String: Any])
        #expect(document["license"] as? String == "Licence Ouverte / Etalab 2.0")
        #expect(document["source"] as? String == "INSEE")
        let databases = try #require(document["databases"] as? [String: Any])
        let tables = try #require((databases["warehouse"] as? [String: Any])?["tables"] as? [String: Any])
        let values = try #require(tables["v_indicator_values"] as? [String: Any])
        #expect((values["columns"] as? [String: String])?["status"]?.contains("secret") == true)
        #expect(((tables["sources"] as? [String: Any])?["description"] as? String)?.contains("Loaded: ") == true)
    }
}
