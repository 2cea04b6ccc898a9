/// A diagnostic number where it was seen, as sorted on disk to find the numbers seen
/// twice: its bytes (at most `capacity`, zero-padded, so that equal numbers are equal words
/// and sort together) and its line, or 0 for a mention in another diagnostic's "replaces"
/// column (which sorts before the lines).
struct NumberSighting: Comparable, BitwiseCopyable {
    static let capacity = 24
    private var words: (UInt64, UInt64, UInt64) = (0, 0, 0)
    let line: UInt64

    init(_ number: UnsafeBufferPointer<UInt8>, line: UInt64) {
        precondition(number.count <= Self.capacity)
        self.line = line
        withUnsafeMutableBytes(of: &words) { $0.copyMemory(from: UnsafeRawBufferPointer(number)) }
    }

    /// The number as published.
    var number: String {
        withUnsafeBytes(of: words) { bytes in String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self) }
    }

    func hasSameNumber(as other: NumberSighting) -> Bool { words == other.words }

    static func < (lhs: NumberSighting, rhs: NumberSighting) -> Bool {
        if lhs.words.0 != rhs.words.0 { return lhs.words.0 < rhs.words.0 }
        if lhs.words.1 != rhs.words.1 { return lhs.words.1 < rhs.words.1 }
        if lhs.words.2 != rhs.words.2 { return lhs.words.2 < rhs.words.2 }
        return lhs.line < rhs.line
    }

    static func == (lhs: NumberSighting, rhs: NumberSighting) -> Bool { lhs.words == rhs.words && lhs.line == rhs.line }
}
