/// How far a long task has gone (rows of a file read, bytes of a download), told to
/// whoever shows it: the CLI draws a line on a terminal, cron and tests pass nothing.
public struct TaskProgress: Sendable, Equatable {
    public enum Unit: String, Sendable {
        case rows
        case bytes
    }

    /// `reading`, `downloading`.
    public let verb: String
    /// The file or address concerned, by its name.
    public let name: String
    public let count: Int
    public let unit: Unit
    /// The last report of the task: the line drawn for it can go.
    public let finished: Bool

    public init(verb: String, name: String, count: Int, unit: Unit, finished: Bool = false) {
        self.verb = verb
        self.name = name
        self.count = count
        self.unit = unit
        self.finished = finished
    }
}

/// Receives `TaskProgress` reports, from the thread doing the work.
public typealias ProgressHandler = @Sendable (TaskProgress) -> Void
