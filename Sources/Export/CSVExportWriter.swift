import Foundation

/// Writes an export as CSV: UTF-8, `,` and LF; or, for French Excel, BOM, `;`, decimal
/// comma and CRLF. Fields are quoted when they hold a separator, a quote or a line break.
/// The last line gives the sources.
struct CSVExportWriter {
    func data(for table: ExportTable) -> Data {
        let excel = table.request.excel
        let separator = excel ? ";" : ","
        let newline = excel ? "\r\n" : "\n"
        let grid = ExportGrid(table)
        var text = excel ? "\u{FEFF}" : ""
        func line(_ fields: [String]) {
            text += fields.map { quoted($0, separator: separator) }.joined(separator: separator) + newline
        }
        line(grid.header)
        for row in grid.rows {
            line(row.map { cell in
                switch cell {
                case .text(let value): value
                case .number(let value): ExportGrid.text(value, decimalComma: excel)
                case .empty: ""
                }
            })
        }
        line(["Sources : " + table.sources.joined(separator: " ; ")])
        return Data(text.utf8)
    }

    private func quoted(_ field: String, separator: String) -> String {
        guard field.contains(separator) || field.contains("\"") || field.contains("\n") || field.contains("\r") else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
