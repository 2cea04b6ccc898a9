#if canImport(Glibc)
import Glibc
#endif

/// Parses numbers as INSEE publishes them, straight from the bytes: decimal point or
/// decimal comma (both may occur in one file), optional sign and exponent.
///
/// Anything else — thousands separators, spaces, units, two separators — is refused
/// rather than guessed: `1 234` is not silently read as 1 or 1234.
public enum DecimalParser {
    private static let powersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// The longest text read as a number: anything longer is not one INSEE publishes.
    public static let longestNumber = 63

    public static func parse(_ text: String) -> Double? {
        var copy = text
        return copy.withUTF8 { parse($0) }
    }

    /// Returns the value, or nil when the bytes are not a plain decimal number.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        let count = bytes.count
        var index = 0
        guard count > 0, count <= longestNumber else { return nil }
        var negative = false
        if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") {
            negative = bytes[0] == UInt8(ascii: "-")
            index = 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        var seenSeparator = false
        var seenDigit = false
        while index < count {
            let byte = bytes[index]
            if byte >= 0x30 && byte <= 0x39 {
                seenDigit = true
                if digits > 0 || byte != 0x30 { digits += 1 }
                if digits <= 19 { mantissa = mantissa &* 10 &+ UInt64(byte - 0x30) }
                if seenSeparator { fractionDigits += 1 }
            } else if (byte == UInt8(ascii: ",") || byte == UInt8(ascii: ".")) && !seenSeparator {
                seenSeparator = true
            } else {
                break
            }
            index += 1
        }
        guard seenDigit else { return nil }
        if index == count {
            // Fast path: an exactly representable mantissa divided by an exact power of ten
            // is correctly rounded, like strtod.
            if digits <= 15 && fractionDigits <= 22 {
                let value = Double(mantissa) / powersOfTen[fractionDigits]
                return negative ? -value : value
            }
            return slowParse(bytes)
        }
        // An exponent part: e or E, optional sign, digits.
        guard bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") else { return nil }
        index += 1
        if index < count && (bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+")) { index += 1 }
        guard index < count else { return nil }
        while index < count {
            guard bytes[index] >= 0x30 && bytes[index] <= 0x39 else { return nil }
            index += 1
        }
        return slowParse(bytes)
    }

    /// Correctly rounded conversion for long mantissas and exponents, via `strtod` in
    /// the C locale after turning a decimal comma into a point.
    private static func slowParse(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: bytes.count + 1) { text in
            for (offset, byte) in bytes.enumerated() {
                text[offset] = CChar(bitPattern: byte == UInt8(ascii: ",") ? UInt8(ascii: ".") : byte)
            }
            text[bytes.count] = 0
            var stop: UnsafeMutablePointer<CChar>?
            let value = strtod(text.baseAddress!, &stop)
            guard let stop, stop == text.baseAddress! + bytes.count, value.isFinite else { return nil }
            return value
        }
    }
}
