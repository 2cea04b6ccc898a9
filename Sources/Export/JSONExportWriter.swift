import Foundation

/// Writes an export as one JSON document: the request, the sources, and the rows (long:
/// one object per value; wide: one object per territory with a member per column).
struct JSONExportWriter {
    func data(for table: ExportTable) throws -> Data {
        let request = table.request
        let grid = ExportGrid(table)
        let rows: [[String: Any]] = grid.rows.map { cells in
            var object: [String: Any] = [:]
            for (name, cell) in zip(grid.header, cells) {
                switch cell {
                case .text(let text): object[name] = name == "estimate" ? (text == "1") : text
                case .number(let number): object[name] = number
                case .empty: object[name] = NSNull()
                }
            }
            return object
        }
        let document: [String: Any] = [
            "geography": request.geography, "level": request.level.rawValue, "within": request.within,
            "indicators": request.indicators, "layout": request.wide ? "wide" : "long",
            "sources": table.sources, "rows": rows,
        ]
        return try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    }
}
