/// A table read as published — a delimited text file or one sheet of a workbook —
/// handed over record by record so that ingest does not care which.
public protocol RecordReader: AnyObject {
    /// The file the records come from.
    var path: String { get }
    /// Header names, as published.
    var header: [String] { get }
    /// How the text was read, for the files journal ("utf-8 (BOM)", "xlsx sheet Communes").
    var encodingDescription: String { get }
    /// The delimiter for delimited text; nil for a workbook.
    var delimiterDescription: String? { get }
    /// Calls `body` for every data record after the header, in file order.
    func forEachRecord(_ body: (CSVRecord) throws -> Void) throws
}

extension CSVReader: RecordReader {
    public var encodingDescription: String { encoding.rawValue + (hadByteOrderMark ? " (BOM)" : "") }
    public var delimiterDescription: String? { String(UnicodeScalar(delimiter)) }
}
