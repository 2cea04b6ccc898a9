import Foundation
import Warehouse

/// A Datasette `metadata.yml` for the warehouse, written next to it, so that
/// `datasette WAREHOUSE -m METADATA` shows an analyst a documented warehouse: title,
/// licence, the sources loaded (from the `sources` table, that is the source
/// definitions), and a description of every table, view and documented column.
public enum DatasetteMetadata {
    /// `warehouse/observatoire.sqlite` → `warehouse/observatoire.metadata.yml`.
    public static func path(besides warehouse: String) -> String {
        (warehouse as NSString).deletingPathExtension + ".metadata.yml"
    }

    public static func yaml(for warehouse: Warehouse) throws -> String {
        let (tables, sources) = try warehouse.read { db in
            (try ReportStore.tablesAndViews(db), try ReportStore.loadedSources(db))
        }
        let database = ((warehouse.path as NSString).lastPathComponent as NSString).deletingPathExtension
        var lines = [
            "title: \(quoted("Observatoire — entrepôt d'indicateurs territoriaux"))",
            "description: \(quoted("Extracts of INSEE, the DGCL, ADEME and local inventories as published, on one geography, and the indicators computed from them at every level. Secret statistique is a status, never a number."))",
            "license: \(quoted("Licence Ouverte / Etalab 2.0"))",
            "license_url: https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
            "source: \(quoted(sources.isEmpty ? "no source loaded yet" : Set(sources.compactMap(\.publisher)).sorted().joined(separator: ", ")))",
            "databases:",
            "  \(database):",
            "    tables:",
        ]
        for table in tables {
            lines.append("      \(table):")
            var description = WarehouseDocumentation.tables[table]?.description ?? "Not documented yet."
            if table == "sources", !sources.isEmpty {
                description += " Loaded: " + sources.map { source in
                    "\(source.label) (\(source.publisher ?? "?"))" + (source.url.map { ", \($0)" } ?? "")
                }.joined(separator: "; ") + "."
            }
            lines.append("        description: \(quoted(description))")
            let columns = WarehouseDocumentation.tables[table]?.columns ?? [:]
            if !columns.isEmpty {
                lines.append("        columns:")
                for (column, text) in columns.sorted(by: { $0.key < $1.key }) {
                    lines.append("          \(column): \(quoted(text))")
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes the metadata next to the warehouse; returns its path.
    @discardableResult
    public static func write(for warehouse: Warehouse) throws -> String {
        let path = path(besides: warehouse.path)
        try yaml(for: warehouse).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// A YAML double-quoted scalar.
    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
