import Foundation
import GRDB
import TestSupport
import Testing
import Warehouse
import Yams
@testable import Reports

struct DatasetteMetadataTests {
    @Test func everyTableAndViewIsDocumentedAndInTheWarehouseReference() throws {
        let sandbox = try Sandbox()
        let names = try sandbox.rows("""
            SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' AND name != 'grdb_migrations'
            """).map { $0["name"] as String }
        #expect(names.filter { WarehouseDocumentation.tables[$0] == nil } == [])
        #expect(WarehouseDocumentation.tables.keys.filter { !names.contains($0) }.sorted() == [])
        let reference = try String(contentsOf: packageRoot.appendingPathComponent("docs/warehouse.md"), encoding: .utf8)
        let documented = Self.referencedNames(in: reference)
        #expect(names.filter { !documented.contains($0) }.sorted() == [])
        #expect(documented.filter { !names.contains($0) }.sorted() == [])
    }

    /// The names in the first cell of each row of the Markdown tables of `text`:
    /// `| `cog_departements`, `cog_regions` | …` gives both, `| **`v_files`** | …` gives `v_files`.
    static func referencedNames(in text: String) -> Set<String> {
        var names: Set<String> = []
        for line in text.split(separator: "\n") where line.hasPrefix("| ") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false)
            guard cells.count > 2 else { continue }
            let pieces = cells[1].split(separator: "`", omittingEmptySubsequences: false)
            for (index, piece) in pieces.enumerated() where index % 2 == 1 {
                names.insert(String(piece))
            }
        }
        return names
    }

    @Test func referencedNamesAreTheFirstCellsOfTableRows() {
        let text = """
            Prose naming `not_a_row`.

            | table / view | one row per | columns |
            |---|---|---|
            | `runs` | command that wrote | `run_id, command` |
            | `cog_departements`, `cog_regions` | upper levels | as published |
            | **`v_files`** | file currently loaded | as `files` |
            """
        #expect(Self.referencedNames(in: text) == ["runs", "cog_departements", "cog_regions", "v_files"])
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
