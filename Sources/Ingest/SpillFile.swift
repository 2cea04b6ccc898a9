import Foundation

/// An unlinked temporary file that sorted runs are appended to and read back from.
final class SpillFile {
    private let descriptor: Int32
    private let directory: String
    private var length = 0

    init() throws {
        directory = FileManager.default.temporaryDirectory.path
        var template = Array((directory + "/observatoire-sort-XXXXXX").utf8CString)
        descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw SpillError(operation: "create a temporary file in", directory: directory, errno: errno) }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
    }

    deinit { close(descriptor) }

    /// Appends the records; returns the index of the first one in the file.
    func append<Record: BitwiseCopyable>(_ records: [Record]) throws -> Int {
        let start = length / MemoryLayout<Record>.stride
        try records.withUnsafeBytes { bytes in
            var written = 0
            while written < bytes.count {
                let result = pwrite(descriptor, bytes.baseAddress! + written, bytes.count - written, off_t(length + written))
                guard result > 0 else { throw SpillError(operation: "write a temporary file in", directory: directory, errno: errno) }
                written += result
            }
        }
        length += records.count * MemoryLayout<Record>.stride
        return start
    }

    /// Reads `count` records from record index `start`, straight into the array's storage.
    func read<Record: BitwiseCopyable>(_ type: Record.Type, start: Int, count: Int) throws -> [Record] {
        let stride = MemoryLayout<Record>.stride
        return try [Record](unsafeUninitializedCapacity: count) { records, initialized in
            let bytes = UnsafeMutableRawBufferPointer(records)
            var done = 0
            while done < count * stride {
                let result = pread(descriptor, bytes.baseAddress! + done, count * stride - done, off_t(start * stride + done))
                guard result > 0 else { throw SpillError(operation: "read back a temporary file in", directory: directory, errno: errno) }
                done += result
            }
            initialized = count
        }
    }
}

/// Why a temporary file for sorting could not be used (a full disk, most often).
struct SpillError: Error, CustomStringConvertible {
    let operation: String
    let directory: String
    let errno: Int32

    var description: String {
        "could not \(operation) \(directory) (\(String(cString: strerror(errno)))); set TMPDIR to a directory with more room"
    }
}
