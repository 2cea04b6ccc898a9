import Logging

extension Logger {
    /// For the jobs under test: what they log is not what these tests check.
    static let quiet = Logger(label: "tests", factory: { _ in SwiftLogNoOpLogHandler() })
}
