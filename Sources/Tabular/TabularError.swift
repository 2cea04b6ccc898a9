/// An error met while reading a published file: what went wrong, where, and what to do.
///
/// Modelled on swift-nio's `FileSystemError`: a code to switch on, a sentence for people,
/// the input it concerns (file, line, column, value) and its cause when there is one.
public struct TabularError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable, Equatable {
        case cannotOpen = "cannot-open"
        case readFailed = "read-failed"
        case emptyFile = "empty-file"
        case unsupportedEncoding = "unsupported-encoding"
        case notDelimitedText = "not-delimited-text"
        case unterminatedQuote = "unterminated-quote"
        case truncatedArchive = "truncated-archive"
        case duplicateHeader = "duplicate-header"
        /// A zip feature this reader does not implement: encryption, a method other than stored or deflate.
        case unsupportedArchive = "unsupported-archive"
        case malformedXML = "malformed-xml"
        /// A zip archive without `xl/workbook.xml`.
        case notAWorkbook = "not-a-workbook"
        /// A workbook whose parts do not agree: a missing sheet part, a shared string that does not exist.
        case corruptWorkbook = "corrupt-workbook"
        case sheetNotFound = "sheet-not-found"
        case headerNotFound = "header-not-found"
    }

    public var code: Code
    public var message: String
    public var location: InputLocation

    public var path: String { location.path }
    public var line: Int? { location.line }
    public var column: String? { location.column }
    public var value: String? { location.value }

    public init(_ code: Code, _ message: String, path: String, line: Int? = nil, column: String? = nil, value: String? = nil) {
        self.code = code
        self.message = message
        location = InputLocation(path: path, line: line, column: column, value: value)
    }

    public var description: String { "\(location): \(message)" }
}
