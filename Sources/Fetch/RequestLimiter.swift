import Foundation

/// A client-side quota: at most `requests` in any `window` seconds (the Melodi API allows
/// 30 a minute and answers 429 beyond). It remembers when its last requests were made and,
/// when the window is full, waits until the oldest leaves it — so that a long paging is
/// slowed down rather than refused. Shared by every request of one `fetch`.
public final class RequestLimiter: @unchecked Sendable {
    public let requests: Int
    public let window: TimeInterval
    private let clock: any FetchClock
    private let lock = NSLock()
    /// When the requests still in the window were made, oldest first.
    private var made: [TimeInterval] = []

    public init(requests: Int, window: TimeInterval, clock: any FetchClock) {
        self.requests = max(1, requests)
        self.window = window
        self.clock = clock
    }

    /// Waits, if need be, until one more request fits in the window, and counts it;
    /// `willWait` hears of each wait before it begins (a quiet minute is then explained).
    /// - Returns: the seconds waited.
    @discardableResult
    public func acquire(willWait: (TimeInterval) -> Void = { _ in }) -> TimeInterval {
        var waited: TimeInterval = 0
        while true {
            let wait: TimeInterval = lock.withLock {
                let now = clock.now()
                // A request made at t counts in [t, t + window).
                made.removeAll { $0 + window <= now }
                guard made.count >= requests else {
                    made.append(now)
                    return 0
                }
                return made[0] + window - now
            }
            if wait <= 0 { return waited }
            willWait(wait)
            clock.sleep(wait)
            waited += wait
        }
    }
}
