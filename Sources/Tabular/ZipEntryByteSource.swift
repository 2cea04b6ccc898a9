import Core
import CZlib

/// Streams one member of a zip archive: its compressed bytes are read with `pread` in chunks
/// and inflated as the caller asks for more, so memory stays flat whatever the member's size.
/// At the end the size and CRC-32 are checked: a damaged member is an error, never a short file.
final class ZipEntryByteSource: ByteSource {
    private let archive: ZipArchive
    private let entry: ZipArchive.Entry
    /// `file.xlsx!xl/worksheets/sheet1.xml`, for errors.
    private let path: String
    /// The next compressed byte in the file, and how many are left to read.
    private var offset: UInt64
    private var remaining: UInt64
    private var produced: UInt64 = 0
    private var crc: UInt = 0
    private var finished = false
    /// The inflater and its input buffer; nil for a stored member, copied as it is.
    private let stream: UnsafeMutablePointer<z_stream>?
    private let input: UnsafeMutableRawBufferPointer

    private static let chunkSize = 1 << 16

    init(archive: ZipArchive, entry: ZipArchive.Entry) throws {
        let path = archive.path + "!" + entry.name
        if entry.isEncrypted {
            throw ObservatoireError(.unsupportedArchive, "the member is encrypted; save the file again without a password", path: path)
        }
        guard entry.method == 0 || entry.method == 8 else {
            throw ObservatoireError(.unsupportedArchive,
                               "the member uses compression method \(entry.method), and only stored (0) and deflate (8) are read; save the file again with standard zip compression",
                               path: path)
        }
        offset = try archive.dataOffset(of: entry, path: path)
        remaining = entry.compressedSize
        self.archive = archive
        self.entry = entry
        self.path = path
        guard entry.method == 8 else {
            stream = nil
            input = UnsafeMutableRawBufferPointer(start: nil, count: 0)
            return
        }
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        // Negative window bits: raw deflate, as zip stores it, without a zlib header.
        guard inflateInit2_(stream, -15, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            stream.deallocate()
            throw ObservatoireError(.readFailed, "zlib cannot start inflating (out of memory?)", path: path)
        }
        self.stream = stream
        input = .allocate(byteCount: Self.chunkSize, alignment: 16)
    }

    deinit {
        if let stream {
            inflateEnd(stream)
            stream.deallocate()
            input.deallocate()
        }
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard !finished, buffer.count > 0 else { return 0 }
        let count = try stream.map { try inflateChunk(into: buffer, stream: $0) } ?? copyChunk(into: buffer)
        if count > 0 {
            crc = crc32(crc, buffer.baseAddress!.assumingMemoryBound(to: Bytef.self), UInt32(count))
            produced += UInt64(count)
        }
        if finished { try verify() }
        return count
    }

    private func copyChunk(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = Int(min(UInt64(buffer.count), remaining))
        try ZipArchive.readFully(archive.descriptor, into: UnsafeMutableRawBufferPointer(rebasing: buffer[..<count]), at: offset, path: path)
        offset += UInt64(count)
        remaining -= UInt64(count)
        finished = remaining == 0
        return count
    }

    private func inflateChunk(into buffer: UnsafeMutableRawBufferPointer, stream: UnsafeMutablePointer<z_stream>) throws -> Int {
        let capacity = min(buffer.count, Int(UInt32.max))
        stream.pointee.next_out = buffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = UInt32(capacity)
        while true {
            if stream.pointee.avail_in == 0 && remaining > 0 {
                let count = Int(min(UInt64(input.count), remaining))
                try ZipArchive.readFully(archive.descriptor, into: UnsafeMutableRawBufferPointer(rebasing: input[..<count]), at: offset, path: path)
                offset += UInt64(count)
                remaining -= UInt64(count)
                stream.pointee.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
                stream.pointee.avail_in = UInt32(count)
            }
            let status = inflate(stream, Z_NO_FLUSH)
            let written = capacity - Int(stream.pointee.avail_out)
            switch status {
            case Z_STREAM_END:
                finished = true
                return written
            case Z_OK, Z_BUF_ERROR:
                if written > 0 { return written }
                if stream.pointee.avail_in == 0 && remaining == 0 {
                    throw ObservatoireError(.truncatedArchive, "the compressed data ends early: the archive is truncated or damaged; download it again", path: path)
                }
            default:
                let reason = stream.pointee.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                throw ObservatoireError(.truncatedArchive, "the compressed data is corrupt (\(reason)); download the file again", path: path)
            }
        }
    }

    private func verify() throws {
        guard produced == entry.uncompressedSize else {
            throw ObservatoireError(.truncatedArchive,
                               "the member unpacks to \(produced) bytes instead of the \(entry.uncompressedSize) the archive announces; the file is damaged, download it again",
                               path: path)
        }
        guard crc == UInt(entry.crc32) else {
            throw ObservatoireError(.truncatedArchive, "the member fails its CRC-32 check: the file is damaged; download it again", path: path)
        }
    }
}
