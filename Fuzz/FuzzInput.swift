#if canImport(Glibc)
import Glibc
#endif

/// The scratch file each fuzz input is written to, so that a reader takes it by the path a
/// published file takes: open, signature check (plain, gzip, zip), byte source, detection.
/// One file per process, on a memory file system when there is one.
enum FuzzInput {
    private static let directory: String = {
        if let folder = getenv("FUZZ_SCRATCH") { return String(cString: folder) }
        return access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp"
    }()

    /// Writes the input to `directory/observatoire-fuzz-PID.EXTENSION` and returns that path.
    static func write(_ data: UnsafePointer<UInt8>?, _ size: Int, extension name: String) -> String {
        let path = "\(directory)/observatoire-fuzz-\(getpid()).\(name)"
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard descriptor >= 0 else { fatalError("cannot write the fuzz input \(path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var done = 0
        while done < size, let data {
            let count = Glibc.write(descriptor, data + done, size - done)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { fatalError("cannot write the fuzz input \(path): \(String(cString: strerror(errno)))") }
            done += count
        }
        return path
    }

    /// A reader may fail on any input, but only with a `TabularError` naming the file it read
    /// (or the member of it): anything else is a defect of the reader.
    static func check(_ error: any Error, path: String) {
        guard let error = error as? TabularError else { fatalError("not a TabularError: \(error)") }
        guard error.path == path || error.path.hasPrefix(path + "!") else {
            fatalError("the error names \(error.path), not the file read (\(path)): \(error)")
        }
        guard !error.message.isEmpty else { fatalError("an error without a message: \(error.code)") }
    }

    /// Markers as INSEE publishes them, to run every field through the cell parser as ingest does.
    static let cells = CellParser(markers: ["s": .secret, "nd": .missing, "ns": .missing, "so": .notApplicable])
}
