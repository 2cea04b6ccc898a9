/// One kind of failure: its name as printed (`error[missing-column]`) and listed in
/// docs/errors.md, the exit code it ends the process with, and what to do about it.
///
/// Each module declares its own codes as static members (`ErrorCode+Ingest.swift` and
/// the like), so that every module throws the same `ObservatoireError`.
public struct ErrorCode: Hashable, Sendable, CustomStringConvertible {
    public let name: String
    public let exitStatus: ExitStatus
    /// The general remedy, printed as `hint:`; the message says what is particular.
    public let remedy: String

    public init(_ name: String, exit exitStatus: ExitStatus = .failure, remedy: String) {
        self.name = name
        self.exitStatus = exitStatus
        self.remedy = remedy
    }

    public var description: String { name }

    public static func == (lhs: ErrorCode, rhs: ErrorCode) -> Bool { lhs.name == rhs.name }
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }
}
