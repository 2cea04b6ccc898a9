import CXlsxWriter
import Foundation

/// Writes an export as an XLSX workbook through libxlsxwriter: sheet `Indicateurs` with
/// the grid (numbers as numbers), sheet `Sources` with the request and the sources.
struct XLSXExportWriter {
    func write(_ table: ExportTable, to path: String) throws {
        guard let workbook = workbook_new(path) else { throw ExportError("cannot create the workbook \(path)") }
        let grid = ExportGrid(table)
        let bold = workbook_add_format(workbook)
        format_set_bold(bold)
        let data = workbook_add_worksheet(workbook, "Indicateurs")
        for (column, name) in grid.header.enumerated() {
            worksheet_write_string(data, 0, lxw_col_t(column), name, bold)
        }
        for (index, row) in grid.rows.enumerated() {
            let line = lxw_row_t(index + 1)
            for (column, cell) in row.enumerated() {
                switch cell {
                case .text(let text): worksheet_write_string(data, line, lxw_col_t(column), text, nil)
                case .number(let number): worksheet_write_number(data, line, lxw_col_t(column), number, nil)
                case .empty: break
                }
            }
        }
        worksheet_freeze_panes(data, 1, 0)
        let sources = workbook_add_worksheet(workbook, "Sources")
        let request = table.request
        let lines = [
            "Géographie : COG \(request.geography)", "Niveau : \(request.level.rawValue)", "Dans : \(request.within)",
            "Indicateurs : \(request.indicators.joined(separator: ", "))",
        ] + table.sources.map { "Source : \($0)" }
        for (index, text) in lines.enumerated() {
            worksheet_write_string(sources, lxw_row_t(index), 0, text, nil)
        }
        let status = workbook_close(workbook)
        guard status == LXW_NO_ERROR else {
            throw ExportError("cannot write the workbook \(path): \(String(cString: lxw_strerror(status)))")
        }
    }
}
