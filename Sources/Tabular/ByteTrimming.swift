extension UnsafeBufferPointer where Element == UInt8 {
    /// The bytes without the spaces and tabs around them, without making a `String`: for
    /// fields read once per row of files of millions of rows.
    @inline(__always)
    public var trimmingSpaces: UnsafeBufferPointer<UInt8> {
        var start = startIndex
        var end = endIndex
        while start < end, self[start] == UInt8(ascii: " ") || self[start] == UInt8(ascii: "\t") { start += 1 }
        while end > start, self[end - 1] == UInt8(ascii: " ") || self[end - 1] == UInt8(ascii: "\t") { end -= 1 }
        return UnsafeBufferPointer(rebasing: self[start..<end])
    }
}
