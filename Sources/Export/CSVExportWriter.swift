import Foundation

/// Writes an export as CSV (see `CSVDocument`); the last line gives the sources.
struct CSVExportWriter {
    func data(for table: ExportTable) -> Data {
        let grid = ExportGrid(table)
        return CSVDocument(excel: table.request.excel)
            .data(header: grid.header, rows: grid.rows, trailer: ["Sources : " + table.sources.joined(separator: " ; ")])
    }
}
