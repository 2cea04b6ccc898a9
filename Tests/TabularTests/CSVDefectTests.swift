import Testing
import Tabular

/// Defects inside a record: the reader hands the record over with a `defect` (so that the
/// caller can reject it with its line), and the records after it read normally.
@Suite("CSVReader: record defects")
struct CSVDefectTests {
    @Test("a Latin-1 line in a UTF-8 file is flagged invalidUTF8 on that line only")
    func latin1LineInUTF8File() throws {
        // The first MiB is sampled for the encoding: keep it pure UTF-8 (with accents) so
        // that the file is detected as UTF-8, then slip one Latin-1 line in after it.
        var text = "COM;LIBELLE\n"
        var number = 0
        while text.utf8.count < (1 << 20) + 1000 {
            text += "\(10000 + number % 80000);Clémenciat\n"
            number += 1
        }
        let goodLines = number
        var bytes = Array(text.utf8)
        bytes += Array("01002;Cl".utf8) + [0xE9] + Array("on\n".utf8)  // é in Latin-1
        bytes += Array("01003;Ambérieu\n".utf8)

        let result = try read(bytes: bytes)
        #expect(result.encoding == .utf8)
        #expect(result.records.count == goodLines + 2)
        let flagged = result.records.filter { $0.defect != nil }
        #expect(flagged.count == 1)
        let bad = try #require(flagged.first)
        #expect(bad.line == goodLines + 2)
        // Byte 8 of the line "01002;Cl\xE9on" is the first that is not UTF-8.
        #expect(bad.defect == .invalidUTF8(byteOffset: 8))
        let after = try #require(result.records.last)
        #expect(after.defect == nil)
        #expect(after.fields == ["01003", "Ambérieu"])
    }

    @Test("with the encoding forced to UTF-8, a small mixed file flags the bad line only")
    func forcedUTF8() throws {
        let bytes = Array("COM;LIBELLE\n01001;Clémenciat\n01002;Cl".utf8) + [0xE9] + Array("on\n01003;Ambérieu\n".utf8)
        let result = try read(bytes: bytes, encoding: .utf8)
        #expect(result.lines == [2, 3, 4])
        #expect(result.records.map(\.defect) == [nil, .invalidUTF8(byteOffset: 8), nil])
        #expect(result.rows[0] == ["01001", "Clémenciat"])
        #expect(result.rows[2] == ["01003", "Ambérieu"])
    }

    @Test("a NUL byte makes a nulByte defect and the next record is clean")
    func nulByte() throws {
        let bytes = Array("A;B\n1;x".utf8) + [0x00] + Array("y\n2;z\n".utf8)
        let result = try read(bytes: bytes)
        #expect(result.records.map(\.defect) == [.nulByte, nil])
        #expect(result.lines == [2, 3])
        #expect(result.rows[1] == ["2", "z"])
    }

    @Test("text after a closing quote is a malformedQuote in the right column; later records parse")
    func textAfterClosingQuote() throws {
        let result = try read("A;B;C\n1;\"ab\"c;3\n2;ok;4\n3;\"x\";5\n")
        #expect(result.records.count == 3)
        let bad = result.records[0]
        #expect(bad.line == 2)
        guard case .malformedQuote(let column, let partial) = bad.defect else {
            Issue.record("expected a malformedQuote defect, got \(String(describing: bad.defect))")
            return
        }
        #expect(column == 2)
        // What libcsv held for the field when it stopped: its text so far. (It currently
        // also holds the closing quote, "ab\"", hence a prefix check; see the report.)
        #expect(partial.hasPrefix("ab"))
        // The fields before the bad one are kept; the rest of the line is dropped.
        #expect(bad.fields == ["1"])
        #expect(result.records[1] == ReadRecord(line: 3, fields: ["2", "ok", "4"], defect: nil))
        #expect(result.records[2] == ReadRecord(line: 4, fields: ["3", "x", "5"], defect: nil))
    }

    @Test("a quote inside an unquoted field is a malformedQuote")
    func quoteInsideUnquotedField() throws {
        let result = try read("A;B;C\n1;2;ab\"c\n4;5;6\n")
        #expect(result.records.count == 2)
        guard case .malformedQuote(let column, _) = result.records[0].defect else {
            Issue.record("expected a malformedQuote defect, got \(String(describing: result.records[0].defect))")
            return
        }
        #expect(column == 3)
        #expect(result.records[1] == ReadRecord(line: 3, fields: ["4", "5", "6"], defect: nil))
    }

    @Test("a malformed quote in the first column reports column 1")
    func malformedQuoteFirstColumn() throws {
        let result = try read("A,B\n\"x\"y,2\n3,4\n")
        guard case .malformedQuote(let column, _) = result.records.first?.defect else {
            Issue.record("expected a malformedQuote defect, got \(String(describing: result.records.first?.defect))")
            return
        }
        #expect(column == 1)
        #expect(result.records.last == ReadRecord(line: 3, fields: ["3", "4"], defect: nil))
    }

    @Test("a malformed quote inside a multi-line field: the record keeps its first line, the next is right")
    func malformedMultiLine() throws {
        let result = try read("A;B;C\n1;\"a\nb\"c;3\n4;5;6\n")
        #expect(result.records.count == 2)
        #expect(result.records[0].line == 2)
        guard case .malformedQuote(let column, _) = result.records[0].defect else {
            Issue.record("expected a malformedQuote defect, got \(String(describing: result.records[0].defect))")
            return
        }
        #expect(column == 2)
        #expect(result.records[1] == ReadRecord(line: 4, fields: ["4", "5", "6"], defect: nil))
    }

    @Test("an opening quote after a malformed one on the same line does not swallow the next lines")
    func malformedThenOpeningQuote() throws {
        // The rest of a malformed line is dropped, so its stray quote cannot open a field.
        let result = try read("A;B;C\n1;ab\"c;\"x\n4;5;6\n")
        #expect(result.records.count == 2)
        #expect(result.records[1] == ReadRecord(line: 3, fields: ["4", "5", "6"], defect: nil))
    }

    @Test("a NUL byte or invalid UTF-8 in the header line is refused")
    func defectiveHeader() throws {
        let nul = tabularError { _ = try read(bytes: Array("A;B".utf8) + [0] + Array("\n1;2\n".utf8)) }
        #expect(nul?.code == .notDelimitedText)
        #expect(nul?.line == 1)
        let latin1 = tabularError { _ = try read(bytes: Array("A;B".utf8) + [0xE9] + Array("\n1;2\n".utf8), encoding: .utf8) }
        #expect(latin1?.code == .notDelimitedText)
    }

    @Test("a malformed quote in the header line is refused")
    func malformedHeader() throws {
        let error = tabularError { _ = try read("A;\"B\"x;C\n1;2;3\n") }
        #expect(error?.code == .notDelimitedText)
        #expect(error?.line == 1)
    }

    @Test("CSVDefect.reason says what is wrong")
    func reasons() {
        #expect(CSVDefect.nulByte.reason.contains("NUL"))
        #expect(CSVDefect.invalidUTF8(byteOffset: 12).reason.contains("12"))
        #expect(CSVDefect.malformedQuote(column: 2, partialValue: "ab").reason.contains("quote"))
    }
}
