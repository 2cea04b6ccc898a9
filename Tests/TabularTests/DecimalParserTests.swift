import Core
import Tabular
import Testing

/// Numbers as INSEE publishes them: decimal comma or point, sign, exponent; anything
/// ambiguous (thousands separators, spaces, units) is refused rather than guessed.
@Suite("DecimalParser")
struct DecimalParserTests {
    @Test("plain numbers parse to the value a reader expects", arguments: [
        ("17250", 17250.0),
        ("0", 0),
        ("32,0", 32),
        ("-12,0", -12),
        ("+7", 7),
        ("0,5", 0.5),
        ("0.5", 0.5),
        (".5", 0.5),
        (",5", 0.5),
        ("-0,05", -0.05),
        ("25820,5", 25820.5),
        ("1E-5", 0.00001),
        ("1e5", 100_000),
        ("2,5E3", 2500),
        ("2.5e+3", 2500),
        ("000123,40", 123.4),
        ("0,000001", 0.000001),
    ])
    func parses(text: String, expected: Double) {
        #expect(DecimalParser.parse(text) == expected)
    }

    @Test("results are correctly rounded, exactly as Swift's own Double(String)", arguments: [
        "372.387493855914",
        "372,387493855914",
        "0.1",
        "0.3",
        "123456789012345",      // 15 digits: the fast path
        "1234567890123456",     // 16 digits: past the fast path
        "9007199254740993",     // 2^53 + 1, not representable
        "12345678901234567890.5",
        "0.000000000000000000000001",  // more fraction digits than powers of ten in the table
        "1.7976931348623157e308",
        "4.9e-324",
        "-98765.4321e-3",
    ])
    func correctlyRounded(text: String) throws {
        let expected = try #require(Double(text.replacingOccurrences(of: ",", with: ".")))
        #expect(DecimalParser.parse(text) == expected)
    }

    @Test("anything that is not a plain number is refused", arguments: [
        "",
        "1 234",        // thousands separator (space)
        "1\u{00A0}234", // thousands separator (no-break space)
        "1,234.5",      // two separators
        "1.234,5",
        "1,2,3",
        "12a",
        "--1",
        "+-1",
        "-",
        "+",
        ",",
        ".",
        " 12",          // spaces are not trimmed
        "12 ",
        "12%",
        "12 €",
        "s",
        "nd",
        "e5",
        "1e",
        "1e+",
        "1e5.5",
        "0x1A",         // strtod would take hexadecimal; a published number never is
        "NaN",
        "inf",
        "1e400",        // overflows to infinity
    ])
    func refuses(text: String) {
        #expect(DecimalParser.parse(text) == nil)
    }

    @Test("parsing from bytes and from a String agree")
    func bytesAndString() {
        for text in ["17250", "32,0", "1E-5", "12345678901234567890.5", "1 234"] {
            var copy = text
            let fromBytes = copy.withUTF8 { DecimalParser.parse($0) }
            #expect(fromBytes == DecimalParser.parse(text))
        }
    }

    @Test("negative zero keeps its sign")
    func negativeZero() throws {
        let value = try #require(DecimalParser.parse("-0,0"))
        #expect(value == 0)
        #expect(value.sign == .minus)
    }
}
