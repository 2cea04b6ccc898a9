import Testing
@testable import Tabular

/// Line terminators as they come from old exports: CR only, CR inside a field, blank
/// leading lines, and a Windows-1252 accent on the very last byte of a file.
@Suite struct CSVLineEndingTests {
    @Test("CR-only files (old Mac exports) give one record per line")
    func carriageReturnOnly() throws {
        let result = try read("A;B\r1;2\r3;4\r")
        #expect(result.header == ["A", "B"])
        #expect(result.rows == [["1", "2"], ["3", "4"]])
        #expect(result.lines == [2, 3])
    }

    @Test("a lone CR inside an LF file is data, not the end of a record")
    func carriageReturnInsideAField() throws {
        let result = try read("A;B\n1;x\ry\n")
        #expect(result.rows == [["1", "x\ry"]])
        #expect(result.records[0].defect == nil)
    }

    @Test("blank lines before the header are skipped", arguments: ["\n", "\r\n"])
    func blankLeadingLines(newline: String) throws {
        let result = try read(newline + "A;B" + newline + "1;2" + newline)
        #expect(result.header == ["A", "B"])
        #expect(result.rows == [["1", "2"]])
        #expect(result.lines == [3])
    }

    @Test("a file holding only a byte order mark is empty")
    func onlyAByteOrderMark() {
        let error = tabularError { _ = try read(bytes: [0xEF, 0xBB, 0xBF]) }
        #expect(error?.code == .emptyFile)
    }

    @Test("a Windows-1252 accent on the last byte of a file without final newline")
    func windows1252LastByte() throws {
        let result = try read(bytes: Array("COM;LIBELLE\n01001;Orn".utf8) + [0xE9])
        #expect(result.encoding == .windows1252)
        #expect(result.rows == [["01001", "Orné"]])
        #expect(result.records[0].defect == nil)
    }
}
