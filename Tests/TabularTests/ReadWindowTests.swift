import Testing
@testable import Tabular

/// The sliding window that CSVReader and XMLTokenizer read through.
@Suite("ReadWindow")
struct ReadWindowTests {
    /// Hands out `bytes` at most `step` at a time, as a pipe or a zip entry may.
    final class TrickleSource: ByteSource {
        let bytes: [UInt8]
        let step: Int
        var position = 0

        init(_ bytes: [UInt8], step: Int) {
            self.bytes = bytes
            self.step = step
        }

        func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
            let count = min(step, buffer.count, bytes.count - position)
            buffer.copyBytes(from: bytes[position..<(position + count)])
            position += count
            return count
        }
    }

    func unread(_ window: ReadWindow) -> [UInt8] {
        Array(window.bytes[window.start..<window.end])
    }

    @Test("fill drops consumed bytes, keeps the unread tail in front and counts both")
    func slides() throws {
        let window = ReadWindow(source: TrickleSource(Array(0..<20), step: 6), capacity: 8)
        try window.fill()
        #expect(unread(window) == [0, 1, 2, 3, 4, 5])
        window.start = 4
        try window.fill()
        #expect(window.start == 0)
        #expect(unread(window) == [4, 5, 6, 7, 8, 9, 10, 11])
        #expect(window.discarded == 4)
        #expect(window.bytesRead == 12)
        #expect(window.bytes.count == 8)
    }

    @Test("fill doubles the buffer when the unread bytes fill it")
    func grows() throws {
        let window = ReadWindow(source: TrickleSource(Array(0..<20), step: 100), capacity: 8)
        try window.fill()
        try window.fill()
        #expect(window.bytes.count == 16)
        #expect(unread(window) == Array(0..<16))
        try window.fill()
        #expect(window.bytes.count == 32)
        #expect(unread(window) == Array(0..<20))
        #expect(!window.reachedEnd)
        try window.fill()
        #expect(window.reachedEnd)
        #expect(window.bytesRead == 20)
        #expect(window.discarded == 0)
    }

    @Test("CSVReader: a line longer than a read chunk is read whole, and bytesRead ends at the file size")
    func longCSVLine() throws {
        try withScratch { scratch in
            let long = String(repeating: "x", count: 3 << 20)
            let text = "\u{FEFF}id;value\n1;\(long)\n2;short\n"
            let path = try scratch.write("long.csv", text)
            let reader = try CSVReader(path: path)
            #expect(reader.header == ["id", "value"])
            #expect(reader.bytesRead == 1 << 20)
            var values: [String] = []
            try reader.forEachRecord { record in
                values.append(record.string(at: 1))
            }
            #expect(values == [long, "short"])
            #expect(reader.bytesRead == text.utf8.count)
        }
    }
}
