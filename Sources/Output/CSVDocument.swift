import Foundation

/// A grid as CSV: UTF-8, `,` and LF; or, for French Excel, BOM, `;`, decimal comma and
/// CRLF, and codes of digits written `="01001"`, which Excel and LibreOffice open as the
/// text 01001 where a bare 01001 becomes the number 1001. Fields are quoted when they hold
/// a separator, a quote or a line break. Shared by exports and portraits so that every
/// CSV the tool writes reads the same way.
public struct CSVDocument: Sendable {
    public var excel: Bool

    public init(excel: Bool = false) {
        self.excel = excel
    }

    /// Where the metadata of a CSV go, so that the CSV stays a clean table: its path, the
    /// extension replaced by `.metadata.json` (`epci.csv` → `epci.metadata.json`).
    public static func sidecarPath(of path: String) -> String {
        URL(fileURLWithPath: path).deletingPathExtension().path + ".metadata.json"
    }

    /// The header, then the rows: nothing after them, so that pandas and R read a clean table.
    public func data(header: [String], rows: [[SheetCell]]) -> Data {
        let separator = excel ? ";" : ","
        let newline = excel ? "\r\n" : "\n"
        var text = excel ? "\u{FEFF}" : ""
        func line(_ fields: [String]) {
            text += fields.map { quoted($0, separator: separator) }.joined(separator: separator) + newline
        }
        line(header)
        for row in rows {
            line(row.map { cell in
                switch cell {
                case .text(let value): value
                case .number(let value), .formatted(let value, _): Self.text(value, decimalComma: excel)
                case .code(let code): excel && !code.isEmpty && code.allSatisfy(\.isASCIIDigit) ? "=\"\(code)\"" : code
                case .empty: ""
                }
            })
        }
        return Data(text.utf8)
    }

    /// A number as text: integers without decimals, others with up to ten significant digits.
    static func text(_ number: Double, decimalComma: Bool) -> String {
        var text = number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(format: "%.10g", number)
        if decimalComma { text = text.replacingOccurrences(of: ".", with: ",") }
        return text
    }

    private func quoted(_ field: String, separator: String) -> String {
        guard field.contains(separator) || field.contains("\"") || field.contains("\n") || field.contains("\r") else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

private extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
