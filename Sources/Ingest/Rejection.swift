/// One rejected row: where it is and why, as stored in `rejected_rows`.
public struct Rejection: Sendable, Equatable {
    public var line: Int
    public var column: String?
    public var value: String?
    public var reason: String

    public init(line: Int, column: String?, value: String?, reason: String) {
        self.line = line
        self.column = column
        self.value = value
        self.reason = reason
    }
}
