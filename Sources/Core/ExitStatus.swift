/// What the process tells its caller by its exit code (docs/errors.md): cron and scripts
/// branch on it, so each failure says which one it is.
public enum ExitStatus: Int32, Sendable, Equatable {
    case success = 0
    /// A refused file, a failed stage, a warehouse that cannot be opened.
    case failure = 1
    /// An unknown option or a bad argument.
    case usage = 2
    /// Every file loaded, but some rows were rejected.
    case rejections = 3
    /// `run --fail-on-alert`: a value broke a data-quality rule (the run is kept).
    case alerts = 4
    /// Another process holds the warehouse's writer lock (EX_TEMPFAIL: try again later).
    case locked = 75
}
