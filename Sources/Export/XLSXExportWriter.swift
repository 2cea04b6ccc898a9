import Output
/// Writes an export as an XLSX workbook: sheet `Indicateurs` with the grid under French
/// headers (numbers as numbers, formatted by unit and decimals, statuses as French words
/// in their own columns), sheet `Métadonnées` with the request, the indicators not
/// computed and why, the sources, and each column's id.
struct XLSXExportWriter {
    func write(_ table: ExportTable, to path: String) throws {
        let workbook = try XLSXWriter(path: path)
        let grid = ExportGrid(table, french: true)
        try workbook.addSheet("Indicateurs", header: grid.labels, rows: grid.rows)
        try workbook.addLines("Métadonnées", ExportMetadata(table: table, grid: grid).lines)
        try workbook.close()
    }
}
