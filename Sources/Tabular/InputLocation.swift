/// Where in a published file something went wrong: file, line, column and value, as every
/// error about input names them.
public struct InputLocation: Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var line: Int?
    public var column: String?
    public var value: String?

    public init(path: String, line: Int? = nil, column: String? = nil, value: String? = nil) {
        self.path = path
        self.line = line
        self.column = column
        self.value = value
    }

    /// `file.csv:12, column MED21, value 'abc'`
    public var description: String {
        var text = path
        if let line { text += ":\(line)" }
        if let column { text += ", column \(column)" }
        if let value { text += ", value '\(value.prefix(80))'" }
        return text
    }
}
