import Core
import Foundation
import Tabular
import Testing

/// Files the reader refuses outright, with the error code and location a user needs.
@Suite("CSVReader: files refused")
struct CSVErrorTests {
    @Test("an empty file is emptyFile")
    func emptyFile() throws {
        let error = tabularError { _ = try read(bytes: [], name: "vide.csv") }
        #expect(error?.code == .emptyFile)
        #expect(error?.path?.hasSuffix("vide.csv") == true)
    }

    @Test("a file of blank lines with a known delimiter has no header: emptyFile")
    func onlyBlankLines() throws {
        let error = tabularError { _ = try read("\n\r\n\n", delimiter: .semicolon) }
        #expect(error?.code == .emptyFile)
    }

    @Test("binary content without a delimiter is notDelimitedText")
    func binaryFile() throws {
        // The start of a PNG image, then some bytes chosen to contain no ';', ',' or tab.
        let bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0xFF, 0xD8, 0x00, 0x7F]
        let error = tabularError { _ = try read(bytes: bytes, name: "image.csv") }
        #expect(error?.code == .notDelimitedText)
        #expect(error?.line == 1)
    }

    @Test("a text file whose header has no delimiter is notDelimitedText")
    func noDelimiterInHeader() throws {
        let error = tabularError { _ = try read("Ceci n'est pas un tableau\nmais un texte.\n") }
        #expect(error?.code == .notDelimitedText)
    }

    @Test("an unterminated quote at the end of the file names the line it opened on")
    func unterminatedQuote() throws {
        let error = tabularError { _ = try read("A;B\n1;2\n3;\"never closed\n4;5\n6;7\n") }
        #expect(error?.code == .unterminatedQuote)
        #expect(error?.line == 3)
        #expect(error?.column == "2")
    }

    @Test("an unterminated quote is thrown while iterating, after the good records")
    func unterminatedQuoteAfterRecords() throws {
        try withScratch { scratch in
            let path = try scratch.write("cut.csv", "A;B\n1;2\n3;\"cut")
            let reader = try CSVReader(path: path)
            var seen: [Int] = []
            let error = tabularError {
                try reader.forEachRecord { seen.append($0.line) }
            }
            #expect(seen == [2])
            #expect(error?.code == .unterminatedQuote)
            #expect(error?.line == 3)
        }
    }

    @Test("a header name given twice is duplicateHeader, naming it")
    func duplicateHeader() throws {
        let error = tabularError { _ = try read("CODGEO;P21_POP;LIBGEO;P21_POP\n01001;1;x;2\n") }
        #expect(error?.code == .duplicateHeader)
        #expect(error?.column == "P21_POP")
        #expect(error?.line == 1)
        #expect(error?.message.contains("columns 2 and 4") == true)
    }

    @Test("header names differing only by case are not duplicates")
    func headerCaseMatters() throws {
        let result = try read("com;COM\n1;2\n")
        #expect(result.header == ["com", "COM"])
    }

    @Test("a UTF-16 byte order mark is unsupportedEncoding", arguments: [
        [UInt8(0xFF), 0xFE],  // UTF-16 little-endian
        [UInt8(0xFE), 0xFF],  // UTF-16 big-endian
    ])
    func utf16(bom: [UInt8]) throws {
        let text = Array("A;B\n1;2\n".utf8)
        let wide = text.flatMap { bom[0] == 0xFF ? [$0, 0] : [0, $0] }
        let error = tabularError { _ = try read(bytes: bom + wide) }
        #expect(error?.code == .unsupportedEncoding)
    }

    @Test("a path that does not exist is cannotOpen")
    func missingFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("absent-\(UUID().uuidString).csv").path
        let error = tabularError { _ = try CSVReader(path: path) }
        #expect(error?.code == .cannotOpen)
        #expect(error?.path == path)
    }

    @Test("a directory is cannotOpen")
    func directory() throws {
        try withScratch { scratch in
            let error = tabularError { _ = try CSVReader(path: scratch.directory.path) }
            #expect(error?.code == .cannotOpen)
        }
    }

    @Test("ObservatoireError describes itself with its location")
    func errorDescription() {
        let error = ObservatoireError(.duplicateHeader, "twice", path: "/d/f.csv", line: 1, column: "COM", value: "x")
        #expect(error.description == "/d/f.csv:1, column COM, value 'x': twice")
        #expect(ErrorCode.truncatedArchive.name == "truncated-archive")
    }
}
