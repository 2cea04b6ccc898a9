import Foundation

/// Writes an export as one JSON document: the metadata (`ExportMetadata`) and the rows
/// (long: one object per value; wide: one object per territory with a member per column),
/// keyed by column id, statuses as codes.
struct JSONExportWriter {
    func data(for table: ExportTable) throws -> Data {
        let grid = ExportGrid(table, french: false)
        let rows: [[String: Any]] = grid.rows.map { cells in
            var object: [String: Any] = [:]
            for (name, cell) in zip(grid.ids, cells) {
                switch cell {
                case .text(let text): object[name] = name == "estimate" ? (text == "1") : text
                case .code(let code): object[name] = code
                case .number(let number), .formatted(let number, _): object[name] = number
                case .empty: object[name] = NSNull()
                }
            }
            return object
        }
        var document = ExportMetadata(table: table, grid: grid).object
        document["rows"] = rows
        return try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    }
}
