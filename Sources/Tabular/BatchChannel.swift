import Foundation

/// What crosses a `BatchChannel`: buffers filled on one thread, handled on the other,
/// then emptied and given back to be filled again. A class, so that handing a batch over
/// never copies its buffers (as a struct it measured slower and 6 MB larger on the
/// read-ahead of a 2,000,000-row file).
public protocol ReusableBatch: AnyObject {
    init()
    /// Empties the batch, keeping its storage.
    func clear()
}

/// The hand-over between a thread that fills batches and the caller's thread that
/// handles them: full batches in order, empty ones given back for reuse, and how the
/// filling ended. At most `capacity` full batches wait, so memory stays flat.
///
/// A batch belongs to one thread at a time (the lock hands it over), hence the unchecked
/// `Sendable`.
public final class BatchChannel<Batch: ReusableBatch>: @unchecked Sendable {
    /// Thrown on the filling thread when the caller stopped: it unwinds the producer.
    private struct Stopped: Error {}

    private let condition = NSCondition()
    private let capacity: Int
    private var full: [Batch] = []
    private var empty: [Batch] = []
    private var finished = false
    private var producerError: (any Error)?
    private var stopped = false

    public init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// On the filling thread: a batch to fill, reused when one was given back.
    public func emptyBatch() -> Batch {
        condition.lock()
        defer { condition.unlock() }
        return empty.popLast() ?? Batch()
    }

    /// On the filling thread: hands `batch` over, waiting while `capacity` batches are
    /// waiting; throws once the caller has stopped. The filling thread no longer touches it.
    public func send(_ batch: Batch) throws {
        condition.lock()
        defer { condition.unlock() }
        while full.count >= capacity && !stopped { condition.wait() }
        if stopped { throw Stopped() }
        full.append(batch)
        condition.broadcast()
    }

    /// On the filling thread, last: its error, nil when every batch was sent.
    public func finish(error: (any Error)?) {
        condition.lock()
        defer { condition.unlock() }
        finished = true
        producerError = error is Stopped ? nil : error
        condition.broadcast()
    }

    /// On the caller's thread: the next batch in order; nil at the end; the producer's
    /// error once the batches sent before it are handed over.
    public func next() throws -> Batch? {
        condition.lock()
        defer { condition.unlock() }
        while full.isEmpty && !finished { condition.wait() }
        if !full.isEmpty {
            condition.broadcast()
            return full.removeFirst()
        }
        if let producerError { throw producerError }
        return nil
    }

    /// On the caller's thread: a batch handled, for the filling thread to fill again.
    public func recycle(_ batch: Batch) {
        batch.clear()
        condition.lock()
        defer { condition.unlock() }
        empty.append(batch)
    }

    /// On the caller's thread, last: stops the filling thread if it is still at work and
    /// waits until it has finished.
    public func stopAndWait() {
        condition.lock()
        defer { condition.unlock() }
        stopped = true
        condition.broadcast()
        while !finished { condition.wait() }
    }
}
