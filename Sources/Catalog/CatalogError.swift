/// A problem with source definitions, or with matching a file to one.
public struct CatalogError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case invalidDefinition = "invalid-definition"
        case unknownSource = "unknown-source"
        case unrecognisedFile = "unrecognised-file"
        case ambiguousFile = "ambiguous-file"
        case unknownVintage = "unknown-vintage"
        case missingColumn = "missing-column"
    }

    public var code: Code
    public var message: String
    public var path: String

    public init(_ code: Code, _ message: String, path: String) {
        self.code = code
        self.message = message
        self.path = path
    }

    public var description: String { "\(path): \(message)" }
}
