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
        let channel = BatchChannel<RecordBatch>(capacity: batchesAhead)
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
    private let channel: BatchChannel<RecordBatch>

    init(reader: any RecordReader, channel: BatchChannel<RecordBatch>) {
        self.reader = reader
        self.channel = channel
    }

    func run() {
        var batch = channel.emptyBatch()
        var readingError: (any Error)?
        do {
            try reader.forEachRecord { record in
                // `batch` stays alive in this frame: appending needs no retain and release
                // of it for every record.
                let full = Unmanaged.passUnretained(batch)._withUnsafeGuaranteedRef { $0.append(record) }
                if full {
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
