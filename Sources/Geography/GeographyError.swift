/// A geography problem: what is missing or inconsistent, and what to do about it.
public struct GeographyError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// A COG vintage, mouvements file or composition needed for the request is not loaded.
        case missingReference = "missing-reference"
        /// Conversion asked from a newer geography to an older one.
        case backwardConversion = "backward-conversion"
        /// The mouvements contradict the commune lists (a commune vanishes without successor).
        case inconsistentHistory = "inconsistent-history"
        /// A territory argument that matches nothing, or several things.
        case unknownTerritory = "unknown-territory"
        case ambiguousTerritory = "ambiguous-territory"
        /// A zone definition that cannot be used.
        case invalidZone = "invalid-zone"
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
