import Testing
import Tabular

/// UTF-8 validation (the per-line check of UTF-8 files) and Windows-1252 conversion.
@Suite("UTF8Validation")
struct UTF8ValidationTests {
    static func firstInvalid(_ bytes: [UInt8], allowTruncatedEnd: Bool = false) -> Int? {
        bytes.withUnsafeBufferPointer { UTF8Validation.firstInvalidOffset(in: $0, allowTruncatedEnd: allowTruncatedEnd) }
    }

    static func isASCII(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { UTF8Validation.isASCII($0) }
    }

    @Test("valid UTF-8 has no invalid offset", arguments: [
        "",
        "01001;Abergement",
        "Clémenciat",
        "Cœur d’Alène €",
        "日本語",
        "emoji 🇫🇷 ok",
        "\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}\u{10FFFF}",  // boundaries of each length
    ])
    func valid(text: String) {
        #expect(Self.firstInvalid(Array(text.utf8)) == nil)
    }

    /// Bytes and the offset of their first invalid byte (typed up front: a literal this
    /// size inside the macro is too slow to type-check).
    static let invalidCases: [([UInt8], Int)] = [
        ([UInt8(0xE9)], 0),                                   // Latin-1 é alone
        (Array("Cl".utf8) + [0xE9] + Array("on".utf8), 2),     // Latin-1 é inside ASCII
        (Array("é".utf8) + [0xE9], 2),                        // after a valid 2-byte character
        ([0x80], 0),                                          // lone continuation byte
        ([0xC0, 0x80], 0),                                    // overlong NUL
        ([0xC1, 0xBF], 0),                                    // overlong 2-byte
        ([0xE0, 0x80, 0x80], 0),                              // overlong 3-byte
        ([0xF0, 0x80, 0x80, 0x80], 0),                        // overlong 4-byte
        ([0xED, 0xA0, 0x80], 0),                              // UTF-16 surrogate
        ([0xF4, 0x90, 0x80, 0x80], 0),                        // above U+10FFFF
        ([0xF5, 0x80, 0x80, 0x80], 0),                        // invalid lead byte
        ([0xFF], 0),
        ([0x41, 0xC3, 0x41], 1),                              // continuation missing
        ([0x41, 0x42, 0xC3], 2),                              // cut at the end
        ([0x41, 0xE2, 0x82], 1),                              // 3-byte character cut at the end
    ]

    @Test("the offset of the first bad byte is reported", arguments: invalidCases)
    func invalid(bytes: [UInt8], offset: Int) {
        #expect(Self.firstInvalid(bytes) == offset)
    }

    /// ASCII is skipped eight bytes at a time: a bad byte is found wherever it falls in a
    /// word, and a character across two words is read whole.
    @Test("the offset is exact at every place in a long line")
    func offsetsAcrossWords() {
        for offset in 0..<24 {
            var bytes = [UInt8](repeating: 0x61, count: 24)
            bytes[offset] = 0xE9
            #expect(Self.firstInvalid(bytes) == offset)
            var valid = [UInt8](repeating: 0x61, count: 24)
            valid.insert(contentsOf: "€".utf8, at: offset)
            #expect(Self.firstInvalid(valid) == nil)
        }
    }

    @Test("a character cut by the end of a sample is accepted only when asked")
    func truncatedEnd() {
        let euro = Array("€".utf8)  // E2 82 AC
        #expect(Self.firstInvalid(Array("ab".utf8) + euro.prefix(2), allowTruncatedEnd: true) == nil)
        #expect(Self.firstInvalid(Array("ab".utf8) + euro.prefix(1), allowTruncatedEnd: true) == nil)
        #expect(Self.firstInvalid(Array("ab".utf8) + euro.prefix(2), allowTruncatedEnd: false) == 2)
        // A cut sequence must still be made of continuation bytes.
        #expect(Self.firstInvalid([0x61, 0xE2, 0x41], allowTruncatedEnd: true) == 1)
        // Bad bytes before the end are still reported.
        #expect(Self.firstInvalid([0xE9, 0x61, 0xE2, 0x82], allowTruncatedEnd: true) == 0)
    }

    static let asciiCases: [([UInt8], Bool)] = [
        ([UInt8](), true),
        (Array("01001;Abergement".utf8), true),
        (Array("0123456789abcdef".utf8) + [0x80], false),      // high byte after two full words
        ([0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0xFF], false),  // in the last byte of a word
        ([0xC3, 0xA9], false),
        ([UInt8](repeating: 0x7F, count: 33), true),
    ]

    @Test("isASCII", arguments: asciiCases)
    func ascii(bytes: [UInt8], expected: Bool) {
        #expect(Self.isASCII(bytes) == expected)
    }
}

@Suite("Windows1252")
struct Windows1252Tests {
    static func transcode(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        bytes.withUnsafeBufferPointer { Windows1252.transcode($0, into: &output) }
        return String(decoding: output, as: UTF8.self)
    }

    static let cases: [([UInt8], String)] = [
        ([UInt8(0xE9)], "é"),
        ([0x80], "€"),
        ([0x9C], "œ"),
        ([0x8C], "Œ"),
        ([0x92], "’"),
        ([0x85], "…"),
        ([0x96], "–"),
        ([0x97], "—"),
        ([0x99], "™"),
        ([0x9F], "Ÿ"),
        ([0xA0], "\u{00A0}"),
        ([0xAB, 0xBB], "«»"),
        ([0xC7, 0xE7], "Çç"),
        ([0xFF], "ÿ"),
        (Array("Abergement-Cl".utf8) + [0xE9] + Array("menciat".utf8), "Abergement-Clémenciat"),
        (Array("01001;ok\r\n".utf8), "01001;ok\r\n"),
    ]

    @Test("letters of French names and the euro sign", arguments: cases)
    func transcodes(bytes: [UInt8], expected: String) {
        #expect(Self.transcode(bytes) == expected)
    }

    @Test("the five undefined bytes become the matching C1 controls", arguments: [0x81, 0x8D, 0x8F, 0x90, 0x9D] as [UInt8])
    func undefinedBytes(byte: UInt8) {
        #expect(Self.transcode([byte]).unicodeScalars.map(\.value) == [UInt32(byte)])
    }

    @Test("every byte gives exactly one character of valid UTF-8; ASCII and Latin-1 map to themselves")
    func everyByte() {
        for value in 0...255 {
            let byte = UInt8(value)
            var output: [UInt8] = []
            [byte].withUnsafeBufferPointer { Windows1252.transcode($0, into: &output) }
            let valid = output.withUnsafeBufferPointer { UTF8Validation.firstInvalidOffset(in: $0) } == nil
            #expect(valid, "byte \(value)")
            let scalars = String(decoding: output, as: UTF8.self).unicodeScalars
            #expect(scalars.count == 1, "byte \(value)")
            if value < 0x80 || value >= 0xA0 {
                #expect(scalars.first?.value == UInt32(value), "byte \(value)")
            }
        }
    }

    @Test("output is appended, not replaced")
    func appends() {
        var output = Array("déjà ".utf8)
        [UInt8(0x80)].withUnsafeBufferPointer { Windows1252.transcode($0, into: &output) }
        #expect(String(decoding: output, as: UTF8.self) == "déjà €")
    }
}

@Suite("TextEncoding.detect")
struct TextEncodingDetectTests {
    static func detect(_ bytes: [UInt8]) throws -> TextEncoding {
        try bytes.withUnsafeBytes { try TextEncoding.detect(sample: $0, path: "sample.csv") }
    }

    @Test("UTF-8, Windows-1252 and refused UTF-16")
    func detects() throws {
        #expect(try Self.detect(Array("COM;LIBELLE\n01001;Clémenciat\n".utf8)) == .utf8)
        #expect(try Self.detect(Array("COM;LIBELLE\n".utf8)) == .utf8)
        #expect(try Self.detect(Array("01001;Cl".utf8) + [0xE9] + Array("on\n".utf8)) == .windows1252)
        // A sample ending in the middle of a character is still UTF-8.
        #expect(try Self.detect(Array("01001;Cl".utf8) + [0xC3]) == .utf8)
        let error = tabularError { _ = try Self.detect([0xFF, 0xFE, 0x41, 0x00]) }
        #expect(error?.code == .unsupportedEncoding)
        #expect(error?.path == "sample.csv")
    }

    @Test("a UTF-8 sample with one Latin-1 line is UTF-8 (its bad line is rejected later); Windows-1252 text stays so")
    func mostlyUTF8() throws {
        let mixed = Array("COM;LIBELLE\n01001;Clémenciat\n01002;Cl".utf8) + [0xE9] + Array("on\n01003;Ambérieu\n".utf8)
        #expect(try Self.detect(mixed) == .utf8)
        let windows1252: [UInt8] = Array("01001;Cl".utf8) + [0xE9] + Array("menciat\n01002;Ch".utf8) + [0xE2] + Array("tillon\n".utf8)
        #expect(try Self.detect(windows1252) == .windows1252)
    }

    @Test("raw values name the encodings as users write them")
    func rawValues() {
        #expect(TextEncoding(rawValue: "utf-8") == .utf8)
        #expect(TextEncoding(rawValue: "windows-1252") == .windows1252)
    }
}
