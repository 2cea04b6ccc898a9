/// A few short strings (territory levels, statuses) kept as UTF-8 bytes for the life of
/// their owner, so that SQLite can read them in place instead of copying them per row.
struct InternedTexts: ~Copyable {
    private var indexes: [String: Int] = [:]
    private var storage: [UnsafeMutableBufferPointer<UInt8>] = []
    /// The last text asked for: rows of a file mostly repeat the same level and status.
    private var last: (text: String, index: Int)?

    mutating func index(of text: String) -> Int {
        if let last, last.text == text { return last.index }
        let index = indexes[text] ?? intern(text)
        last = (text, index)
        return index
    }

    private mutating func intern(_ text: String) -> Int {
        let bytes = Array(text.utf8)
        let copy = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bytes.count)
        _ = copy.initialize(from: bytes)
        storage.append(copy)
        indexes[text] = storage.count - 1
        return storage.count - 1
    }

    subscript(index: Int) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(storage[index]) }

    deinit {
        for buffer in storage { buffer.deallocate() }
    }
}
