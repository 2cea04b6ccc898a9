/// Whole numbers written as decimal digits in place, without making a `String` of each:
/// packed rows are millions of counts, slots and method numbers.
public enum DecimalDigits {
    /// The most a number takes: 19 digits and a minus sign.
    public static let longest = 20

    /// Writes `number` (after a minus sign when negative) so that it ends just before
    /// `end` in `buffer`; returns where it starts. The room before `end` must be at least
    /// `longest`.
    @inline(__always)
    public static func write(_ number: Int64, before end: Int, in buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var start = end
        var rest = number.magnitude
        repeat {
            start -= 1
            buffer[start] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        } while rest > 0
        if number < 0 {
            start -= 1
            buffer[start] = UInt8(ascii: "-")
        }
        return start
    }
}

extension Array where Element == UInt8 {
    /// Appends the decimal digits of a whole number, after a minus sign when negative.
    public mutating func appendDecimalDigits(of number: Int64) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: DecimalDigits.longest) { digits in
            let start = DecimalDigits.write(number, before: digits.count, in: digits)
            append(contentsOf: UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }
}
