import Foundation
import Testing

/// SQL text lives in the warehouse's engines (Warehouse, and Postgres for PostgreSQL): the
/// stages, reports and the CLI ask their typed stores, so that the warehouse's tables can change, or another engine take their
/// calls, without touching them.
struct StoreBoundaryTests {
    /// Files that speak SQL to something other than the warehouse: a GeoPackage is a GIS
    /// file format over SQLite, written for QGIS, not a table of ours.
    static let otherDatabases: Set<String> = ["Sources/Cartography/GeoPackageWriter.swift"]
    /// The warehouse's engines: SQLite (Warehouse) and PostgreSQL (Postgres).
    static let engines = ["Sources/Warehouse/", "Sources/Postgres/"]

    @Test func noSQLOutsideTheWarehouse() throws {
        let root = LayeringTests.root
        let sources = root.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
        #expect(files.count > 200)
        var offenders: [String] = []
        for file in files {
            let relative = String(file.path.dropFirst(root.path.count + 1))
            guard !Self.engines.contains(where: relative.hasPrefix), !Self.otherDatabases.contains(relative) else { continue }
            let text = try String(contentsOf: file, encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where line.contains(/[(,]\s*sql:/) || line.contains("makeStatement(") || line.contains("cachedStatement(") {
                offenders.append("\(relative):\(number + 1): \(line.trimmingCharacters(in: .whitespaces))")
            }
        }
        #expect(offenders.isEmpty, "SQL outside Sources/Warehouse (move it into a store):\n\(offenders.joined(separator: "\n"))")
    }
}
