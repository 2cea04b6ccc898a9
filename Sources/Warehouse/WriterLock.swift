import Core
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The one-writer rule: every command that writes to a warehouse holds an exclusive
/// `flock` on `WAREHOUSE.lock` for as long as it runs. The kernel releases it when the
/// process ends, however it ends (even `kill -9`), so a crash never leaves a stale lock.
/// Readers take no lock: WAL lets them read while a writer works.
public final class WriterLock: Sendable {
    public let path: String
    private let descriptor: Int32

    /// Takes the lock, waiting up to `wait` seconds for another writer to finish (not at
    /// all by default); throws `warehouse-locked` (exit 75) if it is still held then.
    public init(warehouse: String, wait: Double = 0) throws {
        path = warehouse + ".lock"
        try? FileManager.default.createDirectory(at: URL(fileURLWithPath: path).deletingLastPathComponent(),
                                                 withIntermediateDirectories: true)
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw ObservatoireError(.warehouse, "cannot open the lock file: \(String(cString: strerror(errno)))", path: path)
        }
        let deadline = Date().addingTimeInterval(wait)
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR, Date() < deadline else {
                let holder = Self.holder(descriptor)
                close(descriptor)
                throw ObservatoireError(.warehouseLocked, "another observatoire command is writing to this warehouse "
                                           + "(\(holder ?? "holder unknown"), lock \(path)); try again when it has finished, or pass --wait SECONDS")
            }
            usleep(100_000)
        }
        self.descriptor = descriptor
        // Who holds it, for the message a second writer prints.
        let note = "pid \(getpid()) since \(Date().formatted(.iso8601))\n"
        _ = ftruncate(descriptor, 0)
        _ = note.withCString { pwrite(descriptor, $0, strlen($0), 0) }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    private static func holder(_ descriptor: Int32) -> String? {
        var buffer = [UInt8](repeating: 0, count: 200)
        let count = pread(descriptor, &buffer, buffer.count, 0)
        guard count > 0 else { return nil }
        return String(decoding: buffer[..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
