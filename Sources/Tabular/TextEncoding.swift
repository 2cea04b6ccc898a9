import Core

/// The character encodings INSEE and other producers publish in.
///
/// Windows-1252 is read as a superset of Latin-1 (old COG `.txt` files, some DGCL
/// extracts); everything is converted to UTF-8 before parsing, and the encoding read
/// is reported back to the user.
public enum TextEncoding: String, Sendable, Equatable, CaseIterable, Codable {
    case utf8 = "utf-8"
    case windows1252 = "windows-1252"

    /// Guesses the encoding from the first bytes of a file: a UTF-8 byte order mark, valid
    /// UTF-8, or mostly valid UTF-8 (a UTF-8 file with a few lines in another encoding, whose
    /// bad lines are then rejected) means UTF-8; anything else is read as Windows-1252.
    ///
    /// - Parameters:
    ///   - sample: the start of the file; unless it is the whole file, its last bytes may cut a character.
    ///   - isWholeFile: the sample is the entire file, so a cut character at its end is invalid.
    /// - Throws: when the sample starts with a UTF-16 or UTF-32 byte order mark.
    public static func detect(sample: UnsafeRawBufferPointer, path: String, isWholeFile: Bool = false) throws -> TextEncoding {
        let bytes = sample.bindMemory(to: UInt8.self)
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw ObservatoireError(.unsupportedEncoding,
                               "the file is UTF-16 (byte order mark found); re-save it as UTF-8 or Windows-1252",
                               path: path)
        }
        switch UTF8Validation.firstInvalidOffset(in: bytes, allowTruncatedEnd: !isWholeFile) {
        case nil: return .utf8
        case .some: return UTF8Validation.isMostlyValid(bytes, allowTruncatedEnd: !isWholeFile) ? .utf8 : .windows1252
        }
    }
}

/// Checks UTF-8 without building a `String`: the hot path only needs a yes or no.
public enum UTF8Validation {
    /// Returns the offset of the first byte that is not part of valid UTF-8, or nil.
    ///
    /// - Parameter allowTruncatedEnd: accept a sequence cut by the end of the buffer
    ///   (a sample taken from the start of a file).
    public static func firstInvalidOffset(in bytes: UnsafeBufferPointer<UInt8>, allowTruncatedEnd: Bool = false) -> Int? {
        var index = 0
        let count = bytes.count
        while index < count {
            index += asciiCount(in: bytes, from: index)
            guard index < count else { break }
            let lead = bytes[index]
            let length: Int
            let minimum: UInt32
            switch lead {
            case 0xC2...0xDF: length = 2; minimum = 0x80
            case 0xE0...0xEF: length = 3; minimum = 0x800
            case 0xF0...0xF4: length = 4; minimum = 0x10000
            default: return index
            }
            if index + length > count {
                if allowTruncatedEnd && (index + 1..<count).allSatisfy({ bytes[$0] & 0xC0 == 0x80 }) { return nil }
                return index
            }
            var scalar = UInt32(lead) & (0xFF >> (length + 1))
            for offset in 1..<length {
                let continuation = bytes[index + offset]
                guard continuation & 0xC0 == 0x80 else { return index }
                scalar = scalar << 6 | UInt32(continuation & 0x3F)
            }
            if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return index }
            index += length
        }
        return nil
    }

    /// True when more of the non-ASCII bytes belong to valid UTF-8 characters than not: in
    /// Windows-1252 French text every accented letter is an invalid byte, while a UTF-8 file
    /// with one Latin-1 line has far more valid sequences than invalid bytes.
    public static func isMostlyValid(_ bytes: UnsafeBufferPointer<UInt8>, allowTruncatedEnd: Bool = false) -> Bool {
        var invalid = 0
        var start = 0
        while start < bytes.count,
              let offset = firstInvalidOffset(in: UnsafeBufferPointer(rebasing: bytes[start...]), allowTruncatedEnd: allowTruncatedEnd) {
            invalid += 1
            start += offset + 1
        }
        let nonASCII = bytes.reduce(0) { $0 + ($1 >= 0x80 ? 1 : 0) }
        return nonASCII - invalid > invalid
    }

    /// True when every byte is ASCII: most lines of INSEE files.
    public static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        asciiCount(in: bytes, from: 0) == bytes.count
    }

    /// How many bytes from `start` on are ASCII, read eight at a time: most of a line,
    /// even in French.
    @inline(__always)
    private static func asciiCount(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        var index = start
        let count = bytes.count
        while index + 8 <= count,
              UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
            index += 8
        }
        while index < count && base[index] < 0x80 { index += 1 }
        return index - start
    }
}

/// Converts Windows-1252 bytes to UTF-8, byte by byte (the encoding is stateless, so any
/// chunk boundary is safe). The five code points Windows-1252 leaves undefined are kept
/// as the matching C1 controls, as Latin-1 does.
public enum Windows1252 {
    private static let high: [UInt16] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    /// Appends the UTF-8 form of `bytes` to `output`.
    public static func transcode(_ bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        output.reserveCapacity(output.count + bytes.count + bytes.count / 8)
        for byte in bytes {
            if byte < 0x80 {
                output.append(byte)
                continue
            }
            let scalar: UInt32 = byte < 0xA0 ? UInt32(high[Int(byte) - 0x80]) : UInt32(byte)
            if scalar < 0x800 {
                output.append(UInt8(0xC0 | (scalar >> 6)))
                output.append(UInt8(0x80 | (scalar & 0x3F)))
            } else {
                output.append(UInt8(0xE0 | (scalar >> 12)))
                output.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
                output.append(UInt8(0x80 | (scalar & 0x3F)))
            }
        }
    }
}
