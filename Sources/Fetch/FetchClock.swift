import Foundation

/// Time as the Melodi client waits on it: the quota's window, `Retry-After`, back-off.
/// Injected, so that tests run a minute of quota in no time at all.
public protocol FetchClock: Sendable {
    /// Seconds on a clock that never goes back.
    func now() -> TimeInterval
    func sleep(_ seconds: TimeInterval)
}

/// The machine's monotonic clock, and real waits.
public struct SystemClock: FetchClock {
    public init() {}

    public func now() -> TimeInterval {
        ProcessInfo.processInfo.systemUptime
    }

    public func sleep(_ seconds: TimeInterval) {
        if seconds > 0 { Thread.sleep(forTimeInterval: seconds) }
    }
}
