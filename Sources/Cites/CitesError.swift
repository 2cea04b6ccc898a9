/// Why a cités command cannot run: a definition or reference list that does not read, an
/// inventory not loaded. The message says what to do; `path` names the file concerned.
public struct CitesError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var path: String?

    public init(_ message: String, path: String? = nil) {
        self.message = message
        self.path = path
    }

    public var description: String { path.map { "\($0): \(message)" } ?? message }
}
