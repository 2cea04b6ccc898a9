import Foundation

/// The hand-over between the two threads: full batches in file order, empty ones given
/// back for reuse, and how the reading ended.
final class RecordBatchChannel: @unchecked Sendable {
    /// Thrown on the reading thread when the caller stopped: it unwinds the reader.
    private struct Stopped: Error {}

    private let condition = NSCondition()
    private let capacity: Int
    private var full: [RecordBatch] = []
    private var empty: [RecordBatch] = []
    private var finished = false
    private var readingError: (any Error)?
    private var stopped = false

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// On the reading thread: a batch to fill, reused when one was given back.
    func emptyBatch() -> RecordBatch {
        condition.lock()
        defer { condition.unlock() }
        return empty.popLast() ?? RecordBatch()
    }

    /// On the reading thread: waits while `capacity` batches are waiting.
    func send(_ batch: RecordBatch) throws {
        condition.lock()
        defer { condition.unlock() }
        while full.count >= capacity && !stopped { condition.wait() }
        if stopped { throw Stopped() }
        full.append(batch)
        condition.broadcast()
    }

    /// On the reading thread, last: the reader's error, nil at the end of the file.
    func finish(error: (any Error)?) {
        condition.lock()
        defer { condition.unlock() }
        finished = true
        readingError = error is Stopped ? nil : error
        condition.broadcast()
    }

    /// On the caller's thread: the next batch in file order; nil at the end; the reader's
    /// error once the batches read before it are handed over.
    func next() throws -> RecordBatch? {
        condition.lock()
        defer { condition.unlock() }
        while full.isEmpty && !finished { condition.wait() }
        if !full.isEmpty {
            condition.broadcast()
            return full.removeFirst()
        }
        if let readingError { throw readingError }
        return nil
    }

    /// On the caller's thread: a batch handled, for the reading thread to fill again.
    func recycle(_ batch: RecordBatch) {
        batch.clear()
        condition.lock()
        defer { condition.unlock() }
        empty.append(batch)
    }

    /// On the caller's thread, last: stops the reading thread if it is still reading and
    /// waits until it has let go of the reader.
    func stopAndWait() {
        condition.lock()
        defer { condition.unlock() }
        stopped = true
        condition.broadcast()
        while !finished { condition.wait() }
    }
}
