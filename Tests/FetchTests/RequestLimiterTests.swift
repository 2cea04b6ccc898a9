import Foundation
import Testing
@testable import Fetch

/// The client-side quota, on a virtual clock: never more requests than allowed in any
/// window, and no wait while the window has room.
struct RequestLimiterTests {
    @Test(arguments: [(30, 60.0, 95), (3, 10.0, 20), (1, 5.0, 4)])
    func neverMoreThanItsQuotaInAnyWindow(requests: Int, window: TimeInterval, made: Int) {
        let clock = VirtualClock()
        let limiter = RequestLimiter(requests: requests, window: window, clock: clock)
        var times: [TimeInterval] = []
        for index in 0..<made {
            limiter.acquire()
            times.append(clock.now())
            // Requests take time too, unevenly.
            clock.sleep(Double(index % 4) * 0.7)
        }
        for start in times {
            #expect(times.filter { $0 >= start && $0 < start + window }.count <= requests)
        }
        // Full windows were waited for, and no more than needed.
        let windows = (made - 1) / requests
        #expect(times.last! >= Double(windows) * window)
        #expect(times.last! <= Double(windows) * window + Double(made) * 2.1)
    }

    @Test func noWaitWhileTheWindowHasRoom() {
        let clock = VirtualClock()
        let limiter = RequestLimiter(requests: 30, window: 60, clock: clock)
        for _ in 0..<30 { #expect(limiter.acquire() == 0) }
        #expect(clock.sleeps.isEmpty)
        #expect(limiter.acquire() == 60)
    }

    /// On the real clock with a window shortened to a fraction of a second.
    @Test func theSystemClockWaitsForRoomToo() {
        let limiter = RequestLimiter(requests: 2, window: 0.2, clock: SystemClock())
        var waited: TimeInterval = 0
        for _ in 0..<5 { waited += limiter.acquire() }
        #expect(waited > 0)
    }
}
