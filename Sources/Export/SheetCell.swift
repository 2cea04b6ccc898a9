/// A cell of a grid written to CSV or XLSX: text, a number (a number in a workbook, never
/// text), or nothing. A value that is not `ok` is written as its status, never as a number.
public enum SheetCell: Sendable, Equatable {
    case text(String)
    case number(Double)
    case empty
}
