/// A cell of a grid written to CSV or XLSX: text, a number (a number in a workbook, never
/// text), a number with the format it is shown with, or nothing. A value that is not `ok`
/// is never a number: its status goes in a column of its own.
public enum SheetCell: Sendable, Equatable {
    case text(String)
    case number(Double)
    /// A number and its workbook format (`NumberFormat.excel`); plain in a CSV.
    case formatted(Double, format: String)
    /// A code (`01001`, `2A004`) that a spreadsheet must keep as text, leading zeros included.
    case code(String)
    case empty
}
