/// Writes an export as an XLSX workbook: sheet `Indicateurs` with the grid (numbers as
/// numbers), sheet `Sources` with the request and the sources.
struct XLSXExportWriter {
    func write(_ table: ExportTable, to path: String) throws {
        let workbook = try XLSXWriter(path: path)
        let grid = ExportGrid(table)
        try workbook.addSheet("Indicateurs", header: grid.header, rows: grid.rows)
        let request = table.request
        try workbook.addLines("Sources", [
            "Géographie : COG \(request.geography)", "Niveau : \(request.level.rawValue)", "Dans : \(request.within)",
            "Indicateurs : \(request.indicators.joined(separator: ", "))",
        ] + table.sources.map { "Source : \($0)" })
        try workbook.close()
    }
}
