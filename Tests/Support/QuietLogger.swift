import Logging

extension Logger {
    /// For the jobs under test: what they log is not what the tests check.
    public static let quiet = Logger(label: "tests", factory: { _ in SwiftLogNoOpLogHandler() })
}
