#if canImport(Glibc)
import Core
import Glibc
#endif

/// The table of contents of a zip archive (an XLSX workbook is one), read from its central
/// directory so that members can be streamed one at a time without unpacking the archive.
///
/// Zip64 is understood for sizes and offsets; encryption and methods other than stored (0)
/// and deflate (8) are refused when a member is opened. The descriptor is shared by the
/// members' byte sources, which read with `pread` and keep the archive alive.
public final class ZipArchive {
    public struct Entry: Sendable, Equatable {
        public let name: String
        /// 0 stored, 8 deflate; other methods are refused by `open`.
        public let method: UInt16
        public let compressedSize: UInt64
        public let uncompressedSize: UInt64
        public let crc32: UInt32
        public let localHeaderOffset: UInt64
        /// Bit 0 of the general-purpose flags.
        public let isEncrypted: Bool
    }

    public let path: String
    public let entries: [Entry]
    let descriptor: Int32
    let fileSize: UInt64

    /// The end-of-central-directory record is 22 bytes followed by a comment of at most 65,535.
    private static let endRecordSearch = 22 + 65_535

    public init(path: String) throws {
        self.path = path
        let fd = Glibc.open(path, O_RDONLY)
        guard fd >= 0 else {
            throw ObservatoireError(.cannotOpen, "cannot open the file: \(String(cString: strerror(errno)))", path: path)
        }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw ObservatoireError(.cannotOpen, "is not a regular file", path: path)
        }
        descriptor = fd
        fileSize = UInt64(info.st_size)
        do {
            entries = try Self.readCentralDirectory(descriptor: fd, fileSize: fileSize, path: path)
        } catch {
            close(fd)
            throw error
        }
    }

    deinit { close(descriptor) }

    public func entry(named name: String) -> Entry? {
        entries.first { $0.name == name }
    }

    /// A byte source that inflates the member as it is read and checks its size and CRC-32 at the end.
    public func open(_ entry: Entry) throws -> any ByteSource {
        try ZipEntryByteSource(archive: self, entry: entry)
    }

    // MARK: - Central directory

    private static func readCentralDirectory(descriptor: Int32, fileSize: UInt64, path: String) throws -> [Entry] {
        let tailSize = Int(min(fileSize, UInt64(endRecordSearch)))
        let tailStart = fileSize - UInt64(tailSize)
        let tail = try readBytes(descriptor, count: tailSize, at: tailStart, path: path)
        guard let found = findEndRecord(in: tail) else {
            throw ObservatoireError(.truncatedArchive,
                               "the zip archive is truncated or not a zip: no end-of-central-directory record; download it again",
                               path: path)
        }
        var record = LittleEndianCursor(tail, at: found + 10)
        var count = UInt64(record.read(UInt16.self))
        var size = UInt64(record.read(UInt32.self))
        var offset = UInt64(record.read(UInt32.self))
        let endRecordOffset = tailStart + UInt64(found)
        if endRecordOffset >= 20 {
            let locator = try readBytes(descriptor, count: 20, at: endRecordOffset - 20, path: path)
            var cursor = LittleEndianCursor(locator, at: 0)
            if cursor.read(UInt32.self) == 0x0706_4B50 {
                cursor.skip(4)
                let zip64Offset = cursor.read(UInt64.self)
                guard zip64Offset < endRecordOffset else { throw damaged(path) }
                let zip64 = try readBytes(descriptor, count: 56, at: zip64Offset, path: path)
                var fields = LittleEndianCursor(zip64, at: 0)
                guard fields.read(UInt32.self) == 0x0606_4B50 else { throw damaged(path) }
                fields.skip(28)
                count = fields.read(UInt64.self)
                size = fields.read(UInt64.self)
                offset = fields.read(UInt64.self)
            }
        }
        guard offset <= endRecordOffset, size <= endRecordOffset - offset else {
            throw ObservatoireError(.truncatedArchive,
                               "the zip archive is truncated: its central directory lies past the end of the file; download it again",
                               path: path)
        }
        // Each header takes at least 46 bytes: a larger count is a damaged record, not an allocation to make.
        guard count <= size / 46 else { throw damaged(path) }
        let directory = try readBytes(descriptor, count: Int(size), at: offset, path: path)
        var cursor = LittleEndianCursor(directory, at: 0)
        return try (0..<count).map { _ in try readEntry(&cursor, path: path) }
    }

    /// Reads one central directory header, with the 64-bit values of its Zip64 extra field.
    private static func readEntry(_ cursor: inout LittleEndianCursor, path: String) throws -> Entry {
        guard cursor.remaining >= 46, cursor.read(UInt32.self) == 0x0201_4B50 else { throw damaged(path) }
        cursor.skip(4)
        let flags = cursor.read(UInt16.self)
        let method = cursor.read(UInt16.self)
        cursor.skip(4)
        let crc = cursor.read(UInt32.self)
        var compressed = UInt64(cursor.read(UInt32.self))
        var uncompressed = UInt64(cursor.read(UInt32.self))
        let nameLength = Int(cursor.read(UInt16.self))
        let extraLength = Int(cursor.read(UInt16.self))
        let commentLength = Int(cursor.read(UInt16.self))
        cursor.skip(8)
        var localOffset = UInt64(cursor.read(UInt32.self))
        guard cursor.remaining >= nameLength + extraLength + commentLength else { throw damaged(path) }
        let name = String(decoding: cursor.take(nameLength), as: UTF8.self)
        var extra = LittleEndianCursor(Array(cursor.take(extraLength)), at: 0)
        cursor.skip(commentLength)
        while extra.remaining >= 4 {
            let id = extra.read(UInt16.self)
            let length = Int(extra.read(UInt16.self))
            guard extra.remaining >= length else { throw damaged(path) }
            var field = LittleEndianCursor(Array(extra.take(length)), at: 0)
            guard id == 0x0001 else { continue }
            // Zip64 extended information: the fields saturated above, in this order.
            if uncompressed == 0xFFFF_FFFF, field.remaining >= 8 { uncompressed = field.read(UInt64.self) }
            if compressed == 0xFFFF_FFFF, field.remaining >= 8 { compressed = field.read(UInt64.self) }
            if localOffset == 0xFFFF_FFFF, field.remaining >= 8 { localOffset = field.read(UInt64.self) }
        }
        return Entry(name: name, method: method, compressedSize: compressed, uncompressedSize: uncompressed,
                     crc32: crc, localHeaderOffset: localOffset, isEncrypted: flags & 1 != 0)
    }

    /// The offset of the last end-of-central-directory signature whose comment fits in `tail`.
    private static func findEndRecord(in tail: [UInt8]) -> Int? {
        guard tail.count >= 22 else { return nil }
        for start in stride(from: tail.count - 22, through: 0, by: -1)
        where tail[start] == 0x50 && tail[start + 1] == 0x4B && tail[start + 2] == 0x05 && tail[start + 3] == 0x06 {
            var cursor = LittleEndianCursor(tail, at: start + 20)
            if start + 22 + Int(cursor.read(UInt16.self)) <= tail.count { return start }
        }
        return nil
    }

    private static func damaged(_ path: String) -> ObservatoireError {
        ObservatoireError(.truncatedArchive, "the zip central directory is damaged; download the file again", path: path)
    }

    // MARK: - Reading

    private static func readBytes(_ descriptor: Int32, count: Int, at offset: UInt64, path: String) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        try bytes.withUnsafeMutableBytes { try readFully(descriptor, into: $0, at: offset, path: path) }
        return bytes
    }

    /// Fills `buffer` from `offset`; the end of the file before it is full means a truncated archive.
    static func readFully(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64, path: String) throws {
        var done = 0
        while done < buffer.count {
            let count = pread(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset) + off_t(done))
            if count > 0 {
                done += count
            } else if count == 0 {
                throw ObservatoireError(.truncatedArchive, "the zip archive ends early: it is truncated; download it again", path: path)
            } else if errno != EINTR {
                throw ObservatoireError(.readFailed, "read failed: \(String(cString: strerror(errno)))", path: path)
            }
        }
    }

    /// Reads `entry`'s local header and returns where its data starts.
    func dataOffset(of entry: Entry, path: String) throws -> UInt64 {
        guard entry.localHeaderOffset < fileSize else {
            throw ObservatoireError(.truncatedArchive, "the member starts past the end of the file: the archive is truncated; download it again", path: path)
        }
        let header = try Self.readBytes(descriptor, count: 30, at: entry.localHeaderOffset, path: path)
        var cursor = LittleEndianCursor(header, at: 0)
        guard cursor.read(UInt32.self) == 0x0403_4B50 else {
            throw ObservatoireError(.truncatedArchive, "no local header where the central directory places the member; the archive is damaged, download it again", path: path)
        }
        cursor.skip(22)
        let start = entry.localHeaderOffset + 30 + UInt64(cursor.read(UInt16.self)) + UInt64(cursor.read(UInt16.self))
        guard start <= fileSize, entry.compressedSize <= fileSize - start else {
            throw ObservatoireError(.truncatedArchive, "the member's data runs past the end of the file: the archive is truncated; download it again", path: path)
        }
        return start
    }
}

/// Little-endian fields read in order, as zip stores them; callers check `remaining` first.
struct LittleEndianCursor {
    private let bytes: [UInt8]
    private var offset: Int

    init(_ bytes: [UInt8], at offset: Int) {
        self.bytes = bytes
        self.offset = offset
    }

    var remaining: Int { bytes.count - offset }

    mutating func read<T: FixedWidthInteger>(_: T.Type) -> T {
        var value: T = 0
        for index in (0..<MemoryLayout<T>.size).reversed() {
            value = value << 8 | T(bytes[offset + index])
        }
        offset += MemoryLayout<T>.size
        return value
    }

    mutating func take(_ count: Int) -> ArraySlice<UInt8> {
        defer { offset += count }
        return bytes[offset..<offset + count]
    }

    mutating func skip(_ count: Int) { offset += count }
}
