import Tabular

/// Why a whole file was refused. The warehouse is left exactly as it was.
public struct IngestError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case lostLeadingZeros = "lost-leading-zeros"
        case missingColumn = "missing-column"
        case noRows = "no-rows"
        case tooManyLines = "too-many-lines"
    }

    public var code: Code
    public var message: String
    public var location: InputLocation

    public init(_ code: Code, _ message: String, path: String, line: Int? = nil, column: String? = nil, value: String? = nil) {
        self.code = code
        self.message = message
        location = InputLocation(path: path, line: line, column: column, value: value)
    }

    public var description: String { "\(location): \(message)" }
}
