/// A request `export` cannot fulfil, or an output it cannot write.
public struct ExportError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
