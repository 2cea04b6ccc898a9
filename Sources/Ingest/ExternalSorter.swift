import Foundation

/// Sorts more fixed-size records than memory should hold, so that a loader can put
/// millions of rows in an order of its choosing and still keep its memory flat: records
/// are sorted in batches of `batchSize`, each batch written as a sorted run to a
/// temporary file, and the runs are merged when read back. A file that fits in one batch
/// never touches the disk.
///
/// The temporary file is removed from its directory as soon as it is created: the space
/// goes back to the system when the sorter goes away, even when the process is killed.
struct ExternalSorter<Record: Comparable & BitwiseCopyable> {
    private var batch: [Record] = []
    private let batchSize: Int
    private var spill: SpillFile?
    /// Each run's first record and record count in the temporary file.
    private var runs: [(start: Int, count: Int)] = []

    init(batchSize: Int) {
        precondition(batchSize > 0)
        self.batchSize = batchSize
        batch.reserveCapacity(batchSize)
    }

    var isEmpty: Bool { batch.isEmpty && runs.isEmpty }

    mutating func append(_ record: Record) throws {
        batch.append(record)
        if batch.count == batchSize { try writeRun() }
    }

    /// Calls `body` with every record appended, in increasing order (records that compare
    /// equal in any order). The sorter is empty afterwards.
    mutating func drain(_ body: (Record) throws -> Void) throws {
        defer {
            runs = []
            spill = nil
        }
        batch.sort()
        guard let spill else {
            for record in batch { try body(record) }
            batch.removeAll(keepingCapacity: true)
            return
        }
        // The last batch is merged from memory; every other run is read back in chunks
        // that share one budget, so that more runs (a larger file) take no more memory.
        let stride = MemoryLayout<Record>.stride
        let chunk = max(1, min(batchSize, max(Self.smallestReadBytes, Self.mergeBytes / runs.count) / stride))
        var sources = runs.map { RunReader<Record>(spill, run: $0, chunk: chunk) }
        sources.append(RunReader(records: batch))
        batch = []
        var heap = MergeHeap<Record>()
        for index in sources.indices {
            if let first = try sources[index].next() { heap.push(first, from: index) }
        }
        while let (record, index) = heap.popMin() {
            try body(record)
            if let next = try sources[index].next() { heap.push(next, from: index) }
        }
    }

    /// Bytes read back from all runs at a time while merging, and the least read from one.
    private static var mergeBytes: Int { 1 << 20 }
    private static var smallestReadBytes: Int { 16 * 1024 }

    private mutating func writeRun() throws {
        batch.sort()
        let file = try spill ?? SpillFile()
        spill = file
        runs.append((try file.append(batch), batch.count))
        batch.removeAll(keepingCapacity: true)
    }
}

/// One sorted run, read back a chunk at a time (or held in memory: the last batch).
private struct RunReader<Record: BitwiseCopyable> {
    private let file: SpillFile?
    private var unread: Int
    private let end: Int
    private let chunk: Int
    private var buffer: [Record]
    private var position = 0

    init(_ file: SpillFile, run: (start: Int, count: Int), chunk: Int) {
        self.file = file
        unread = run.start
        end = run.start + run.count
        self.chunk = chunk
        buffer = []
    }

    init(records: [Record]) {
        file = nil
        unread = 0
        end = 0
        chunk = 0
        buffer = records
    }

    mutating func next() throws -> Record? {
        if position == buffer.count {
            guard let file, unread < end else { return nil }
            let count = min(chunk, end - unread)
            buffer = try file.read(Record.self, start: unread, count: count)
            unread += count
            position = 0
        }
        defer { position += 1 }
        return buffer[position]
    }
}

/// A binary min-heap of the current record of each run.
private struct MergeHeap<Record: Comparable> {
    private var items: [(record: Record, source: Int)] = []

    mutating func push(_ record: Record, from source: Int) {
        items.append((record, source))
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard items[child].record < items[parent].record else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    mutating func popMin() -> (Record, Int)? {
        guard let top = items.first else { return nil }
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1
                guard left < items.count else { break }
                let right = left + 1
                let smaller = right < items.count && items[right].record < items[left].record ? right : left
                guard items[smaller].record < items[parent].record else { break }
                items.swapAt(smaller, parent)
                parent = smaller
            }
        }
        return (top.record, top.source)
    }
}
