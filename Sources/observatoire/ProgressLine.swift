import Core
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Draws the `TaskProgress` a job reports on a terminal: rows (or bytes) so far and per
/// second, redrawn at most four times a second on standard error, erased when the task
/// ends. Nothing when standard error is not a terminal (cron, pipes, tests) or `--quiet`.
final class ProgressLine: @unchecked Sendable {
    private let lock = NSLock()
    private var started = Date()
    private var lastDrawn = Date.distantPast
    private var drawn = false
    private var task = ""

    /// The handler to give a job, or nil when nothing is to be drawn.
    static func handler(quiet: Bool) -> ProgressHandler? {
        guard !quiet, isatty(STDERR_FILENO) == 1 else { return nil }
        let line = ProgressLine()
        return { line.draw($0) }
    }

    private func draw(_ progress: TaskProgress) {
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        if progress.name != task {
            (task, started, lastDrawn) = (progress.name, now, .distantPast)
        }
        if progress.finished {
            if drawn { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
            drawn = false
            task = ""
            return
        }
        guard now.timeIntervalSince(lastDrawn) >= 0.25 else { return }
        lastDrawn = now
        drawn = true
        let rate = Double(progress.count) / max(now.timeIntervalSince(started), 0.001)
        let unit = progress.unit.rawValue
        FileHandle.standardError.write(Data(
            "\r\u{1B}[2K  \(progress.verb) \(progress.name): \(progress.count.formatted()) \(unit), \(Int(rate).formatted()) \(unit)/s".utf8))
    }
}
