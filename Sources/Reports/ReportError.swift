/// A portrait that cannot be made: a layout or template that does not read, an indicator
/// the warehouse does not know, nothing computed yet. The message says what to do.
public struct ReportError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    /// The layout or template file concerned, if any.
    public var path: String?

    public init(_ message: String, path: String? = nil) {
        self.message = message
        self.path = path
    }

    public var description: String { path.map { "\($0): \(message)" } ?? message }
}
