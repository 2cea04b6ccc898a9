#if canImport(Glibc)
import Core
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CZlib

/// A forward-only stream of bytes: a plain file or a gzip member, read in chunks so that
/// memory does not grow with the size of the input.
public protocol ByteSource: AnyObject {
    /// Fills `buffer` from the start; returns the number of bytes written, 0 at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// Opens the right byte source for a path: gzip when the file starts with the gzip magic.
public func openByteSource(path: String) throws -> any ByteSource {
    try FileSignature(path: path) == .gzip ? GzipByteSource(path: path) : FileByteSource(path: path)
}

/// Reads a regular file with POSIX `read`; the descriptor is closed in `deinit`.
public final class FileByteSource: ByteSource {
    private let descriptor: Int32
    private let path: String

    public init(path: String) throws {
        self.path = path
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw ObservatoireError(.cannotOpen, "cannot open the file: \(String(cString: strerror(errno)))", path: path)
        }
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw ObservatoireError(.cannotOpen, "is a directory, not a file", path: path)
        }
        descriptor = fd
    }

    deinit { close(descriptor) }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let count = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw ObservatoireError(.readFailed, "read failed: \(String(cString: strerror(errno)))", path: path)
        }
    }
}

/// Reads a gzip file through zlib; a truncated archive is an error, never a short file.
public final class GzipByteSource: ByteSource {
    private let handle: gzFile
    private let path: String

    public init(path: String) throws {
        self.path = path
        guard let handle = gzopen(path, "rb") else {
            throw ObservatoireError(.cannotOpen, "cannot open the gzip file", path: path)
        }
        gzbuffer(handle, 1 << 17)
        self.handle = handle
    }

    deinit { gzclose(handle) }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let chunk = UInt32(min(buffer.count, Int(Int32.max)))
        let count = gzread(handle, buffer.baseAddress, chunk)
        if count < 0 {
            var code: Int32 = 0
            let message = gzerror(handle, &code).map { String(cString: $0) } ?? "unknown zlib error"
            // zlib's message starts with the path, which the error names already.
            let reason = message.hasPrefix(path + ": ") ? String(message.dropFirst(path.count + 2)) : message
            throw ObservatoireError(.truncatedArchive, "the gzip stream is corrupt: \(reason)", path: path)
        }
        if count == 0 {
            // zlib reports a truncated member as a plain end of file with Z_BUF_ERROR.
            var code: Int32 = 0
            _ = gzerror(handle, &code)
            if code != Z_OK && code != Z_STREAM_END {
                throw ObservatoireError(.truncatedArchive, "the gzip stream ends early: the file is truncated", path: path)
            }
        }
        return Int(count)
    }
}
