import Testing
@testable import Tabular

/// The buffer libcsv's field callback appends to: it must keep every value, in order,
/// across growths, and start empty again after `removeAll`.
@Suite struct GrowableBufferTests {
    @Test func keepsEveryValueInOrderAcrossGrowths() {
        var buffer = GrowableBuffer<UInt8>(capacity: 3)
        let chunk: [UInt8] = Array(0..<10)
        var expected: [UInt8] = []
        for round in 0..<50 {
            chunk.withUnsafeBufferPointer { buffer.append($0.baseAddress!, count: round % 11) }
            expected += chunk.prefix(round % 11)
            buffer.append(UInt8(round))
            expected.append(UInt8(round))
        }
        #expect(Array(buffer.elements) == expected)
        #expect(buffer.count == expected.count)
    }

    @Test func startsEmptyAgainAfterRemoveAll() {
        var buffer = GrowableBuffer<Int>(capacity: 1)
        for value in 0..<100 { buffer.append(value) }
        buffer.removeAll()
        #expect(buffer.elements.isEmpty)
        buffer.append(7)
        #expect(Array(buffer.elements) == [7])
    }
}
