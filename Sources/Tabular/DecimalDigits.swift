extension Array where Element == UInt8 {
    /// Appends the decimal digits of a whole number, after a minus sign when it is
    /// negative, without making a `String` of it: packed rows are millions of counts,
    /// slots and method numbers.
    public mutating func appendDecimalDigits(of number: Int64) {
        if number < 0 { append(UInt8(ascii: "-")) }
        appendDigits(of: number.magnitude)
    }

    private mutating func appendDigits(of magnitude: UInt64) {
        if magnitude >= 10 { appendDigits(of: magnitude / 10) }
        append(UInt8(ascii: "0") + UInt8(magnitude % 10))
    }
}
