import Foundation
import Output

/// A report as a header and rows of cells, printed as aligned text for a terminal, as the
/// project's CSV (the same writer as exports), Markdown or JSON, so that every report of
/// the cités reads the same way.
public struct CitesReportGrid: Sendable {
    public let header: [String]
    public let rows: [[SheetCell]]
    /// Lines said after the table (notes, what is missing).
    public let notes: [String]

    public func text() -> String {
        let cells = [header] + rows.map { $0.map(Self.text) }
        let widths = header.indices.map { column in cells.map { $0[column].count }.max() ?? 0 }
        let lines = cells.map { row in
            zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces)
        }
        return (lines + notes).joined(separator: "\n") + "\n"
    }

    public func csv() -> String {
        String(decoding: CSVDocument().data(header: header, rows: rows), as: UTF8.self)
    }

    /// A Markdown table, the notes after it.
    public func markdown() -> String {
        func escaped(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }
        var lines = ["| " + header.map(escaped).joined(separator: " | ") + " |", "|" + String(repeating: "---|", count: header.count)]
        lines += rows.map { row in "| " + row.map { escaped(Self.text($0)) }.joined(separator: " | ") + " |" }
        return (lines + (notes.isEmpty ? [] : [""] + notes)).joined(separator: "\n") + "\n"
    }

    /// `{"rows": [{column: value, …}, …], "notes": […]}`: numbers as numbers, an empty cell as null.
    public func json() throws -> String {
        let objects = rows.map { row in
            Dictionary(uniqueKeysWithValues: zip(header, row).map { name, cell -> (String, Any) in
                switch cell {
                case .text(let text), .code(let text): (name, text)
                case .number(let number), .formatted(let number, _): (name, number)
                case .empty: (name, NSNull())
                }
            })
        }
        let data = try JSONSerialization.data(withJSONObject: ["rows": objects, "notes": notes], options: [.prettyPrinted, .sortedKeys])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    private static func text(_ cell: SheetCell) -> String {
        switch cell {
        case .text(let text), .code(let text): text
        case .number(let number), .formatted(let number, _): number.rounded() == number ? String(Int(number)) : String(format: "%.1f", number)
        case .empty: "–"
        }
    }
}

extension SheetCell {
    /// A number, or an empty cell for a missing one.
    static func optional(_ value: Double?) -> SheetCell { value.map(SheetCell.number) ?? .empty }
}
