import Core

/// Failures of reading a published file: bytes, encodings, CSV, zip archives, workbooks.
extension ErrorCode {
    public static let cannotOpen = ErrorCode("cannot-open", remedy: "check the path and that this user may read the file")
    public static let readFailed = ErrorCode("read-failed", remedy: "check the disk and the file, then run the command again")
    public static let emptyFile = ErrorCode("empty-file", remedy: "the file is empty: download it again (observatoire fetch)")
    public static let unsupportedEncoding = ErrorCode("unsupported-encoding", remedy: "re-save the file as UTF-8 or Windows-1252")
    public static let notDelimitedText = ErrorCode(
        "not-delimited-text", remedy: "give a CSV, a workbook (.xlsx) or a zip of them; docs/sources.md lists what each source reads")
    public static let unterminatedQuote = ErrorCode(
        "unterminated-quote", remedy: "a quoted field never ends: the file is probably cut short; download it again")
    public static let truncatedArchive = ErrorCode("truncated-archive", remedy: "the archive is incomplete: download it again")
    public static let duplicateHeader = ErrorCode(
        "duplicate-header", remedy: "two columns have the same name: check that the file is the one published, unedited")
    /// A zip feature this reader does not implement: encryption, a method other than stored or deflate.
    public static let unsupportedArchive = ErrorCode(
        "unsupported-archive", remedy: "extract the file with another tool and give the extracted file")
    public static let malformedXML = ErrorCode(
        "malformed-xml", remedy: "the workbook is damaged: download it again, or open and re-save it in a spreadsheet")
    /// A zip archive without `xl/workbook.xml`.
    public static let notAWorkbook = ErrorCode("not-a-workbook", remedy: "give an .xlsx workbook, or the CSV the publisher offers")
    /// A workbook whose parts do not agree: a missing sheet part, a shared string that does not exist.
    public static let corruptWorkbook = ErrorCode(
        "corrupt-workbook", remedy: "the workbook is damaged: download it again, or open and re-save it in a spreadsheet")
    public static let sheetNotFound = ErrorCode(
        "sheet-not-found", remedy: "check the sheet the source definition reads (format.sheet) against the workbook's sheets")
    public static let headerNotFound = ErrorCode(
        "header-not-found", remedy: "check that the workbook is the one published: the source's columns were not found in its first rows")
}
