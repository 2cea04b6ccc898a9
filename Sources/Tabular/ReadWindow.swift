/// A sliding window over a byte source, shared by the readers that scan their input in place
/// (`CSVReader` by lines, `XMLTokenizer` by tokens) so that memory stays one chunk, or the
/// largest single line or token.
///
/// The owner consumes bytes by moving `start`; `fill` then drops them, moves the unread tail
/// to the front and reads more, doubling the buffer when the unread part fills it. `fill` may
/// reallocate `bytes`: pointers into it are valid only until the next call.
final class ReadWindow {
    /// The buffer: `bytes[start..<end]` is read from the source and not yet consumed.
    private(set) var bytes: UnsafeMutableBufferPointer<UInt8>
    /// The first unconsumed byte, moved forward by the owner.
    var start = 0
    /// One past the last byte read.
    private(set) var end = 0
    /// Whether the source has returned its last byte.
    private(set) var reachedEnd = false
    /// Bytes read from the source so far.
    private(set) var bytesRead = 0
    /// Bytes dropped from the front of the buffer so far: `discarded + start` is the offset in
    /// the stream of the first unconsumed byte.
    private(set) var discarded = 0

    private let source: any ByteSource

    init(source: any ByteSource, capacity: Int) {
        self.source = source
        bytes = Self.allocate(capacity)
    }

    deinit { bytes.deallocate() }

    /// Drops the consumed bytes, grows the buffer if the unread ones fill it, reads more;
    /// sets `reachedEnd` when the source has no more.
    func fill() throws {
        if start > 0 {
            let tail = end - start
            if tail > 0 { UnsafeMutableRawPointer(bytes.baseAddress!).copyMemory(from: bytes.baseAddress! + start, byteCount: tail) }
            discarded += start
            start = 0
            end = tail
        }
        if end == bytes.count {
            let larger = Self.allocate(bytes.count * 2)
            UnsafeMutableRawPointer(larger.baseAddress!).copyMemory(from: bytes.baseAddress!, byteCount: end)
            bytes.deallocate()
            bytes = larger
        }
        let count = try source.read(into: UnsafeMutableRawBufferPointer(start: bytes.baseAddress! + end, count: bytes.count - end))
        if count == 0 { reachedEnd = true }
        end += count
        bytesRead += count
    }

    private static func allocate(_ capacity: Int) -> UnsafeMutableBufferPointer<UInt8> {
        UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 16).bindMemory(to: UInt8.self)
    }
}
