import Testing
import Tabular

/// How physical lines become records: quoting, multi-line fields, blank lines, the
/// last line, and the line number each record reports.
@Suite("CSVReader: records and line numbers")
struct CSVRecordTests {
    @Test("a quoted field may hold the delimiter")
    func quotedDelimiter() throws {
        let result = try read("COM;LIBELLE;PMUN\n01001;\"Abergement; L'\";779\n")
        #expect(result.rows == [["01001", "Abergement; L'", "779"]])
    }

    @Test("a doubled quote inside a quoted field is one quote")
    func doubledQuotes() throws {
        let result = try read("A,B\n\"dit \"\"le Haut\"\"\",2\n\"\"\"\",\"\"\n")
        #expect(result.rows == [["dit \"le Haut\"", "2"], ["\"", ""]])
    }

    @Test("a quoted field may span lines; the record reports the line it starts on")
    func embeddedNewline() throws {
        let content = "A;B;C\n1;\"first\nsecond\nthird\";x\n2;plain;y\n"
        let result = try read(content)
        #expect(result.rows == [["1", "first\nsecond\nthird", "x"], ["2", "plain", "y"]])
        // Record 1 starts on line 2 and ends on line 4, so the next one is on line 5.
        #expect(result.lines == [2, 5])
    }

    @Test("an embedded CRLF is kept inside the field and lines are still counted")
    func embeddedCRLF() throws {
        let result = try read("A;B\r\n1;\"a\r\nb\"\r\n2;c\r\n")
        #expect(result.rows == [["1", "a\r\nb"], ["2", "c"]])
        #expect(result.lines == [2, 4])
    }

    @Test("an embedded blank line inside quotes belongs to the field")
    func blankLineInsideQuotes() throws {
        let result = try read("A;B\n1;\"a\n\nb\"\n2;c\n")
        #expect(result.rows == [["1", "a\n\nb"], ["2", "c"]])
        #expect(result.lines == [2, 5])
    }

    @Test("blank lines are skipped but still counted", arguments: ["\n", "\r\n"])
    func blankLinesSkipped(newline: String) throws {
        let n = newline
        let content = "A;B\(n)\(n)1;2\(n)\(n)\(n)3;4\(n)\(n)"
        let result = try read(content)
        #expect(result.rows == [["1", "2"], ["3", "4"]])
        #expect(result.lines == [3, 6])
    }

    @Test("the last line may lack its newline", arguments: ["\n", "\r\n"])
    func lastLineWithoutNewline(newline: String) throws {
        let result = try read("A;B\(newline)1;2\(newline)3;4")
        #expect(result.rows == [["1", "2"], ["3", "4"]])
        #expect(result.lines == [2, 3])
    }

    @Test("a quoted last field on a last line without newline is complete")
    func quotedLastFieldAtEndOfFile() throws {
        let result = try read("A;B\n1;\"x;y\"")
        #expect(result.rows == [["1", "x;y"]])
    }

    @Test("a file with only a header has no records")
    func headerOnly() throws {
        let result = try read("CODGEO;MED21\n")
        #expect(result.header == ["CODGEO", "MED21"])
        #expect(result.records.isEmpty)
    }

    @Test("empty fields are kept, including trailing ones")
    func emptyFields() throws {
        let result = try read("A;B;C;D\n;;;\n1;;\"\";\n")
        #expect(result.rows == [["", "", "", ""], ["1", "", "", ""]])
    }

    @Test("records with a different number of fields are handed over as they are")
    func raggedRecords() throws {
        // Checking the width is the caller's job; the reader must not pad or cut.
        let result = try read("A;B;C\n1;2\n1;2;3;4\n")
        #expect(result.rows == [["1", "2"], ["1", "2", "3", "4"]])
    }

    @Test("bytes(at:) and string(at:) agree, and count is the number of fields")
    func recordAccessors() throws {
        try withScratch { scratch in
            let path = try scratch.write("a.csv", "A;B;C\n01001;Clémenciat;\n")
            let reader = try CSVReader(path: path)
            var seen = 0
            try reader.forEachRecord { record in
                seen += 1
                #expect(record.count == 3)
                #expect(Array(record.bytes(at: 1)) == Array("Clémenciat".utf8))
                #expect(record.string(at: 0) == "01001")
                #expect(record.bytes(at: 2).isEmpty)
                #expect(record.strings == ["01001", "Clémenciat", ""])
            }
            #expect(seen == 1)
        }
    }

    @Test("a 10 MB field is read intact (the line buffer grows past its first size)")
    func hugeField() throws {
        // Digits with a varying pattern so that a lost or repeated chunk shows up.
        let size = 10 * 1024 * 1024
        let digits = Array("0123456789abcdefghij".utf8)
        var big = [UInt8](repeating: 0, count: size)
        for index in 0..<size { big[index] = digits[(index / 7) % digits.count] }
        let bytes = Array("ID;TEXTE;FIN\n1;court;a\n2;".utf8) + big + Array(";b\n3;\"".utf8) + big + Array("\";c\n4;fin;d\n".utf8)
        let result = try read(bytes: bytes)
        #expect(result.records.count == 4)
        #expect(result.lines == [2, 3, 4, 5])
        let unquoted = try #require(result.records.dropFirst().first)
        #expect(unquoted.fields.count == 3)
        #expect(unquoted.fields[1].utf8.count == size)
        #expect(Array(unquoted.fields[1].utf8) == big)
        #expect(unquoted.fields[2] == "b")
        let quoted = result.records[2]
        #expect(Array(quoted.fields[1].utf8) == big)
        #expect(quoted.fields[2] == "c")
        #expect(result.records[3].fields == ["4", "fin", "d"])
    }

    @Test("many records across several read chunks keep their order and line numbers")
    func manyRecordsAcrossChunks() throws {
        // About 3 MB: lines straddle the 1 MiB chunk boundaries.
        var text = "COM;LIBELLE;PMUN\n"
        let count = 60_000
        for index in 0..<count {
            text += "\(10000 + index);Commune numéro \(index) avec un nom assez long;\(index * 3)\n"
        }
        let result = try read(text)
        #expect(result.records.count == count)
        #expect(result.lines == Array(2...(count + 1)))
        for index in [0, 1, 17_000, 31_337, count - 1] {
            #expect(result.rows[index] == ["\(10000 + index)", "Commune numéro \(index) avec un nom assez long", "\(index * 3)"])
        }
    }
}
