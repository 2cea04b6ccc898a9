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
    }

    public var code: Code
    public var message: String
    public var path: String
    public var line: Int?
    public var column: String?
    public var value: String?

    public init(_ code: Code, _ message: String, path: String, line: Int? = nil, column: String? = nil, value: String? = nil) {
        self.code = code
        self.message = message
        self.path = path
        self.line = line
        self.column = column
        self.value = value
    }

    public var description: String {
        var location = path
        if let line { location += ":\(line)" }
        if let column { location += ", column \(column)" }
        if let value { location += ", value '\(value.prefix(80))'" }
        return "\(location): \(message)"
    }
}
