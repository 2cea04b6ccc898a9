import Testing
@testable import Tabular

/// How the reader works out the shape of a file: delimiter, line endings, byte order
/// mark and encoding, without being told.
@Suite("CSVReader: dialect detection")
struct CSVDialectTests {
    @Test("the delimiter is sniffed from the header line", arguments: [
        ("CODGEO;MED21\n01001;25820\n", UInt8.semicolon),
        ("CODGEO,MED21\n01001,25820\n", UInt8.comma),
        ("CODGEO\tMED21\n01001\t25820\n", UInt8.tab),
    ])
    func sniffsDelimiter(content: String, expected: UInt8) throws {
        let result = try read(content)
        #expect(result.delimiter == expected)
        #expect(result.header == ["CODGEO", "MED21"])
        #expect(result.rows == [["01001", "25820"]])
    }

    @Test("the most frequent delimiter of the header wins; commas in a ';' file are data")
    func mostFrequentDelimiterWins() throws {
        // Two ';' against one ',' in the header: a decimal comma in the data must not matter.
        let result = try read("CODGEO;LIBGEO;MED21\n01001;L'Abergement, Ain;25820,5\n")
        #expect(result.delimiter == .semicolon)
        #expect(result.rows == [["01001", "L'Abergement, Ain", "25820,5"]])
    }

    @Test("delimiters inside a quoted header name are not counted")
    func quotedHeaderDelimitersIgnored() throws {
        let result = try read("\"a,b,c\";d\n1;2\n")
        #expect(result.delimiter == .semicolon)
        #expect(result.header == ["a,b,c", "d"])
    }

    @Test("a delimiter given by the caller is used as is")
    func explicitDelimiter() throws {
        // Sniffing would pick ',' here; the source definition says ';'.
        let result = try read("A;B,C,D\n1;2,3,4\n", delimiter: .semicolon)
        #expect(result.delimiter == .semicolon)
        #expect(result.header == ["A", "B,C,D"])
        #expect(result.rows == [["1", "2,3,4"]])
    }

    @Test("LF and CRLF line endings give the same records", arguments: ["\n", "\r\n"])
    func lineEndings(newline: String) throws {
        let content = ["COM;PMUN", "01001;779", "01002;256", ""].joined(separator: newline)
        let result = try read(content)
        #expect(result.header == ["COM", "PMUN"])
        #expect(result.rows == [["01001", "779"], ["01002", "256"]])
        #expect(result.lines == [2, 3])
        // No stray carriage return left at the end of the last field.
        #expect(result.records.allSatisfy { !$0.fields.joined().contains("\r") })
    }

    @Test("a UTF-8 byte order mark is stripped from the first header name and reported")
    func byteOrderMark() throws {
        let result = try read(bytes: [0xEF, 0xBB, 0xBF] + Array("CODGEO;MED21\n01001;25820\n".utf8))
        #expect(result.hadByteOrderMark)
        #expect(result.encoding == .utf8)
        #expect(result.header == ["CODGEO", "MED21"])
        #expect(result.header[0].unicodeScalars.first == "C")
        #expect(result.rows == [["01001", "25820"]])
    }

    @Test("without a byte order mark, hadByteOrderMark is false")
    func noByteOrderMark() throws {
        let result = try read("CODGEO;MED21\n01001;25820\n")
        #expect(!result.hadByteOrderMark)
    }

    @Test("valid UTF-8 is detected as UTF-8 and read unchanged")
    func detectsUTF8() throws {
        let result = try read("COM;LIBELLE\n01001;L'Abergement-Clémenciat\n97613;M'Tsangamouji\n")
        #expect(result.encoding == .utf8)
        #expect(result.rows == [["01001", "L'Abergement-Clémenciat"], ["97613", "M'Tsangamouji"]])
        #expect(result.records.allSatisfy { $0.defect == nil })
    }

    @Test("a Windows-1252 file is detected and converted to UTF-8")
    func detectsWindows1252() throws {
        // 0xE9 is é, 0x80 is €, 0x9C is œ, 0x92 is the typographic apostrophe in Windows-1252.
        let bytes: [UInt8] = Array("COM\tNCCENR\tNOTE\n01001\tAbergement-Cl".utf8) + [0xE9] + Array("menciat\t12 ".utf8) + [0x80]
            + Array("\n01002\tC".utf8) + [0x9C] + Array("ur l".utf8) + [0x92] + Array("Abbaye\t\n".utf8)
        let result = try read(bytes: bytes, name: "France2017.txt")
        #expect(result.encoding == .windows1252)
        #expect(result.delimiter == .tab)
        #expect(result.rows == [
            ["01001", "Abergement-Clémenciat", "12 €"],
            ["01002", "Cœur l’Abbaye", ""],
        ])
        // Converted text is valid UTF-8: no record is flagged.
        #expect(result.records.allSatisfy { $0.defect == nil })
    }

    @Test("a Windows-1252 header is converted too")
    func windows1252Header() throws {
        let bytes: [UInt8] = Array("COM;R".utf8) + [0xE9] + Array("gion\n01001;84\n".utf8)
        let result = try read(bytes: bytes)
        #expect(result.encoding == .windows1252)
        #expect(result.header == ["COM", "Région"])
    }

    @Test("an encoding given by the caller overrides detection")
    func explicitEncoding() throws {
        // Valid UTF-8 bytes (é = C3 A9) read as Windows-1252 on purpose: each byte is a character.
        let result = try read("A;B\n1;é\n", encoding: .windows1252)
        #expect(result.encoding == .windows1252)
        #expect(result.rows == [["1", "Ã©"]])
    }

    @Test("a UTF-8 character cut by the end of the detection sample does not make the file Windows-1252")
    func characterCutBySample() throws {
        // The reader samples the first MiB; put the two bytes of 'é' on both sides of that boundary.
        let header = "CODE;LIBELLE\n"
        let sampleSize = 1 << 20
        var text = header
        var number = 0
        while text.utf8.count + 40 < sampleSize {
            text += "\(10000 + number);ligne ordinaire\n"
            number += 1
        }
        let filler = sampleSize - text.utf8.count - 1 - "99999;".utf8.count
        text += "99999;" + String(repeating: "x", count: filler)
        #expect(text.utf8.count == sampleSize - 1)
        text += "é\n"
        let result = try read(text)
        #expect(result.encoding == .utf8)
        let last = try #require(result.records.last)
        #expect(last.fields[1].hasSuffix("xé"))
        #expect(last.defect == nil)
    }

    @Test("spaces around fields are kept as published")
    func spacesKept() throws {
        let result = try read("A;B;C\n  01001 ; 25 820 ;\t\n")
        #expect(result.rows == [["  01001 ", " 25 820 ", "\t"]])
    }

    /// Lines without space, tab, CR or LF are parsed with libcsv's own byte tests, the
    /// others with ours: switching from one to the other, line by line, changes no field.
    @Test("plain lines and lines with spaces, tabs and line breaks mixed keep every byte", arguments: ["\n", "\r"])
    func mixedLinesKeepEveryByte(terminator: String) throws {
        // A lone CR inside a field of an LF file; none in a CR file (an LF would make it an LF file).
        let other = terminator == "\n" ? "\r" : ""
        let lines = ["A;B;C", "1;2;3", " 4 ; 5\t;6", "7;8;9", "x\(other)y;\"a", "b \";z", "10;11;12", "\" q \";\"r\";s"]
        let result = try read(lines.joined(separator: terminator) + terminator)
        #expect(result.rows == [["1", "2", "3"], [" 4 ", " 5\t", "6"], ["7", "8", "9"], ["x\(other)y", "a\(terminator)b ", "z"],
                                ["10", "11", "12"], [" q ", "r", "s"]])
    }

    /// A line whose spaces are all inside values is parsed with libcsv's own tests too;
    /// one with a space libcsv would trim (next to a delimiter, a quote, another space or
    /// an end) with ours. Either way, and switching line by line, every byte is kept.
    @Test("spaces inside values and spaces at their edges, line after line, keep every byte")
    func spacesInsideAndAtEdgesKept() throws {
        let lines = ["A;B;C", "rue de la Fosse;1 234;x", "a ;b;c", "d e;f g;h", "i; j;k", "l;m;n ", " o;p;q",
                     "r  s;t;u", "\"v w\";\"x\";y z", "\" v\";w;\"x \"", "é è;à ç;ù"]
        let result = try read(lines.joined(separator: "\n") + "\n")
        #expect(result.rows == [["rue de la Fosse", "1 234", "x"], ["a ", "b", "c"], ["d e", "f g", "h"], ["i", " j", "k"],
                                ["l", "m", "n "], [" o", "p", "q"], ["r  s", "t", "u"], ["v w", "x", "y z"], [" v", "w", "x "],
                                ["é è", "à ç", "ù"]])
        #expect(result.records.allSatisfy { $0.defect == nil })
    }

    @Test("a line's spaces are inside its values only when no delimiter, quote, space or end is beside one", arguments: [
        ("a b;c d", true), ("abc", true), ("", true), ("a ;b", false), ("a; b", false), (" a", false), ("a ", false),
        ("a  b", false), ("\"a\" ", false), ("\" a\"", false), ("a,b c", true),
    ])
    func spacesInsideValues(line: String, expected: Bool) {
        let bytes = Array(line.utf8)
        #expect(bytes.withUnsafeBufferPointer { CSVReader.spacesAreInsideValues($0, delimiter: UInt8(ascii: ";")) } == expected)
    }

    @Test("spaces inside a quoted field are kept")
    func spacesInQuotesKept() throws {
        let result = try read("A,B\n\"  x  \",\" \"\n")
        #expect(result.rows == [["  x  ", " "]])
    }
}
