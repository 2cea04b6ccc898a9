import Fetch
import Foundation

/// A clock that only moves when waited on: a minute of quota, a `Retry-After` or a back-off
/// takes no real time, and the waits asked for are kept to be checked.
final class VirtualClock: FetchClock, @unchecked Sendable {
    private let lock = NSLock()
    private var time: TimeInterval = 0
    private var waits: [TimeInterval] = []

    func now() -> TimeInterval {
        lock.withLock { time }
    }

    func sleep(_ seconds: TimeInterval) {
        lock.withLock {
            waits.append(seconds)
            time += max(0, seconds)
        }
    }

    /// Every wait asked for, in order.
    var sleeps: [TimeInterval] {
        lock.withLock { waits }
    }
}
