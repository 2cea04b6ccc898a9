import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A progress line on a terminal while a large file is read or downloaded: rows (or
/// bytes) so far and per second, redrawn at most four times a second on standard error,
/// erased at the end. Silent when standard error is not a terminal (cron, pipes, tests).
public final class ProgressLine: @unchecked Sendable {
    private let name: String
    private let verb: String
    private let unit: String
    private let enabled: Bool
    private let started = Date()
    private var lastDrawn = Date.distantPast
    private var drawn = false

    public init(name: String, verb: String = "reading", unit: String = "rows", enabled: Bool) {
        self.name = name
        self.verb = verb
        self.unit = unit
        self.enabled = enabled && isatty(STDERR_FILENO) == 1
    }

    /// Called for every row (or chunk); draws only when a quarter of a second has passed.
    @inline(__always)
    public func update(_ count: Int) {
        guard enabled, unit != "rows" || count & 1023 == 0 else { return }
        let now = Date()
        guard now.timeIntervalSince(lastDrawn) >= 0.25 else { return }
        lastDrawn = now
        drawn = true
        let rate = Double(count) / max(now.timeIntervalSince(started), 0.001)
        FileHandle.standardError.write(Data("\r\u{1B}[2K  \(verb) \(name): \(count.formatted()) \(unit), \(Int(rate).formatted()) \(unit)/s".utf8))
    }

    /// Erases the line, so that the outcome printed next stands alone.
    public func finish() {
        guard drawn else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    }
}
