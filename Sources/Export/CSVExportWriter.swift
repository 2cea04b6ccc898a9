import Foundation
import Output

/// Writes an export as CSV (see `CSVDocument`): a clean table, nothing after its rows.
/// For French Excel the header gives the French labels and statuses are French words;
/// otherwise ids and status codes, for scripts. The sources and the columns' labels go in
/// the sidecar `ExportMetadata`.
struct CSVExportWriter {
    func data(for table: ExportTable) -> (csv: Data, metadata: ExportMetadata) {
        let excel = table.request.excel
        let grid = ExportGrid(table, french: excel)
        return (CSVDocument(excel: excel).data(header: excel ? grid.labels : grid.ids, rows: grid.rows),
                ExportMetadata(table: table, grid: grid))
    }
}
