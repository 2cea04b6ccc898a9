/// Why a whole file was refused. The warehouse is left exactly as it was.
public struct IngestError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case lostLeadingZeros = "lost-leading-zeros"
        case missingColumn = "missing-column"
        case noRows = "no-rows"
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
        if let value { location += ", value '\(value)'" }
        return "\(location): \(message)"
    }
}
