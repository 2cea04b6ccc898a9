import Foundation

/// A file's SHA-256 computed on a thread of its own while the caller reads the file's
/// records: hashing a large file costs a tenth of reading its records, and the thread
/// that parses them is the one every other step waits for.
public final class BackgroundDigest: @unchecked Sendable {
    private let condition = NSCondition()
    private var outcome: Result<FileDigest.Result, any Error>?
    private var cancelled = false

    /// Starts hashing the file at `path` as stored (a gzip file is not decompressed).
    public init(path: String) {
        let thread = Thread { [self] in
            // Niced (Linux nices a thread, not the process): hashing takes the core time
            // the parsing and writing threads leave, rather than from them.
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
            let result = Result { try FileDigest.sha256(path: path, while: { !isCancelled }) }
            condition.lock()
            outcome = result
            condition.broadcast()
            condition.unlock()
        }
        thread.name = "digest"
        thread.start()
    }

    /// The file's digest, once computed; the error that stopped it otherwise.
    public func result() throws -> FileDigest.Result {
        condition.lock()
        defer { condition.unlock() }
        while outcome == nil { condition.wait() }
        return try outcome!.get()
    }

    /// Stops hashing at the next chunk: the digest is no longer wanted (a load that failed).
    public func cancel() {
        condition.lock()
        defer { condition.unlock() }
        cancelled = true
    }

    private var isCancelled: Bool {
        condition.lock()
        defer { condition.unlock() }
        return cancelled
    }
}
