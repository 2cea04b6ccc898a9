/// The one error every module throws: a code (`ErrorCode`), what went wrong, where in the
/// input, and what to do. The CLI prints `error[CODE]: where: message` then `hint: remedy`,
/// and exits with the code's exit status. A failed command leaves the warehouse as it was.
public struct ObservatoireError: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: ErrorCode
    /// What went wrong, with the particulars (and often what to do about them).
    public var message: String
    /// The file, line, column, value or feature concerned, when there is one.
    public var location: InputLocation?
    /// The words of a library that failed (PROJ, GEOS, SQLite's statement), kept apart.
    public var cause: String?

    public init(_ code: ErrorCode, _ message: String, location: InputLocation?, cause: String? = nil) {
        self.code = code
        self.message = message
        self.location = location
        self.cause = cause
    }

    public init(_ code: ErrorCode, _ message: String, path: String? = nil, line: Int? = nil, column: String? = nil,
                value: String? = nil, feature: String? = nil, cause: String? = nil) {
        let location = path.map { InputLocation(path: $0, line: line, column: column, value: value, feature: feature) }
            ?? feature.map { InputLocation(path: "", feature: $0) }
        self.init(code, message, location: location, cause: cause)
    }

    public var remedy: String { code.remedy }
    public var exitStatus: ExitStatus { code.exitStatus }
    public var path: String? { location?.path }
    public var line: Int? { location?.line }
    public var column: String? { location?.column }
    public var value: String? { location?.value }
    public var feature: String? { location?.feature }

    /// `file.csv:12, column MED21, value 'abc': message (cause)`.
    public var description: String {
        var text = location.map { "\($0): " } ?? ""
        text += message
        if let cause { text += " (\(cause))" }
        return text
    }
}
