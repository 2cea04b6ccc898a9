/// A set of line numbers as a bitmap: one bit per line of the file, 125 KB for a million
/// lines, however many are in it.
struct LineSet {
    private var words: [UInt64] = []

    mutating func insert(_ line: UInt32) {
        let word = Int(line >> 6)
        if word >= words.count { words.append(contentsOf: repeatElement(0, count: max(word + 1 - words.count, words.count))) }
        words[word] |= 1 << UInt64(line & 63)
    }

    func contains(_ line: UInt32) -> Bool {
        let word = Int(line >> 6)
        return word < words.count && words[word] & 1 << UInt64(line & 63) != 0
    }
}
