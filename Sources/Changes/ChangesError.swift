/// Why a comparison could not be made, and what to do.
public struct ChangesError: Error, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
