import Foundation

/// Reads the records of another reader on a second thread while the caller's thread
/// handles them: parsing (libcsv, encoding checks, reading the file) and loading (typing,
/// packing, SQLite) each get a core instead of taking turns on one.
///
/// Records are copied in batches of about a mebibyte and handed over in file order; at
/// most `batchesAhead` batches wait, so memory stays flat whatever the file's length. A
/// reader's error reaches the caller after every record read before it, as when reading
/// on one thread. When the caller's closure throws, the reading thread is stopped and
/// waited for before `forEachRecord` returns: the wrapped reader is never used by two
/// threads at once.
public final class ReadAheadReader: RecordReader {
    private let reader: any RecordReader
    private let batchesAhead: Int

    public init(_ reader: any RecordReader, batchesAhead: Int = 2) {
        self.reader = reader
        self.batchesAhead = batchesAhead
    }

    public var path: String { reader.path }
    public var header: [String] { reader.header }
    public var encodingDescription: String { reader.encodingDescription }
    public var delimiterDescription: String? { reader.delimiterDescription }

    public func forEachRecord(_ body: (CSVRecord) throws -> Void) throws {
        let channel = RecordBatchChannel(capacity: batchesAhead)
        let reading = ReadingThread(reader: reader, channel: channel)
        let thread = Thread { reading.run() }
        thread.name = "read-ahead"
        thread.start()
        defer { channel.stopAndWait() }
        while let batch = try channel.next() {
            try batch.forEachRecord(body)
            channel.recycle(batch)
        }
    }
}

/// The reading side: runs the wrapped reader and fills batches. Only this thread touches
/// the reader between `start` and the channel's `finish`.
private final class ReadingThread: @unchecked Sendable {
    private let reader: any RecordReader
    private let channel: RecordBatchChannel

    init(reader: any RecordReader, channel: RecordBatchChannel) {
        self.reader = reader
        self.channel = channel
    }

    func run() {
        var batch = channel.emptyBatch()
        var readingError: (any Error)?
        do {
            try reader.forEachRecord { record in
                batch.append(record)
                if batch.isFull {
                    try channel.send(batch)
                    batch = channel.emptyBatch()
                }
            }
        } catch {
            readingError = error
        }
        // The records read before an error go first (unless the caller stopped).
        if !batch.isEmpty { try? channel.send(batch) }
        channel.finish(error: readingError)
    }
}

/// Records copied out of a reader's buffers: their bytes end to end, the end of each
/// field relative to its record's first byte.
final class RecordBatch {
    private struct Entry {
        let line: Int
        let defect: CSVDefect?
        let byteStart: Int
        let byteCount: Int
        let fieldStart: Int
        let fieldCount: Int
    }

    static let byteTarget = 1 << 20
    static let recordTarget = 4096

    private var bytes: [UInt8] = []
    private var ends: [Int] = []
    private var entries: [Entry] = []

    var isEmpty: Bool { entries.isEmpty }
    var isFull: Bool { bytes.count >= Self.byteTarget || entries.count >= Self.recordTarget }

    func append(_ record: CSVRecord) {
        entries.append(Entry(line: record.line, defect: record.defect, byteStart: bytes.count, byteCount: record.bytes.count,
                             fieldStart: ends.count, fieldCount: record.ends.count))
        bytes.append(contentsOf: record.bytes)
        ends.append(contentsOf: record.ends)
    }

    func forEachRecord(_ body: (CSVRecord) throws -> Void) throws {
        try bytes.withUnsafeBufferPointer { bytes in
            try ends.withUnsafeBufferPointer { ends in
                for entry in entries {
                    try body(CSVRecord(line: entry.line, defect: entry.defect,
                                       bytes: UnsafeBufferPointer(rebasing: bytes[entry.byteStart..<entry.byteStart + entry.byteCount]),
                                       ends: UnsafeBufferPointer(rebasing: ends[entry.fieldStart..<entry.fieldStart + entry.fieldCount])))
                }
            }
        }
    }

    func clear() {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        entries.removeAll(keepingCapacity: true)
    }
}

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
