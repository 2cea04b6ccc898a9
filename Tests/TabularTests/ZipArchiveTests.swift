import Tabular
import Testing
import TestSupport

/// Zip members are streamed and checked: a damaged archive is an error, never a short member.
@Suite("ZipArchive")
struct ZipArchiveTests {
    /// Text larger than the reader's chunks, compressible but not trivially.
    static let sizeableText = (0..<60_000).map { "\($0);Commune n° \($0 * 7 % 1000)\n" }.joined()

    /// Reads `source` to the end in small reads, as a tokenizer would across chunk boundaries.
    func drain(_ source: any ByteSource, chunk: Int = 4_000) throws -> [UInt8] {
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: chunk)
        while true {
            let count = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
            if count == 0 { return output }
            output += buffer[..<count]
        }
    }

    func member(_ name: String, of bytes: [UInt8]) throws -> [UInt8] {
        try withScratch { scratch in
            let archive = try ZipArchive(path: try scratch.write("archive.zip", bytes: bytes))
            return try drain(try archive.open(try #require(archive.entry(named: name))))
        }
    }

    @Test("stored and deflated members read back as written", arguments: [false, true])
    func readsMembers(zip64: Bool) throws {
        try withScratch { scratch in
            let bytes = zipArchive([ZipMember("plain.txt", "stored as is", method: 0),
                                    ZipMember("big.csv", Self.sizeableText),
                                    ZipMember("empty.txt", "")], zip64: zip64)
            let archive = try ZipArchive(path: try scratch.write("archive.zip", bytes: bytes))
            #expect(archive.entries.map(\.name) == ["plain.txt", "big.csv", "empty.txt"])
            let big = try #require(archive.entry(named: "big.csv"))
            #expect(big.method == 8)
            #expect(big.uncompressedSize == UInt64(Self.sizeableText.utf8.count))
            #expect(big.compressedSize < big.uncompressedSize)
            #expect(archive.entry(named: "missing.txt") == nil)
            #expect(try drain(archive.open(big)) == Array(Self.sizeableText.utf8))
            #expect(try drain(archive.open(archive.entries[0]), chunk: 5) == Array("stored as is".utf8))
            #expect(try drain(archive.open(archive.entries[2])).isEmpty)
        }
    }

    @Test("a zip cut in half has no end-of-central-directory record")
    func truncated() throws {
        let bytes = zipArchive([ZipMember("big.csv", Self.sizeableText)])
        let error = tabularError { _ = try member("big.csv", of: Array(bytes.prefix(bytes.count / 2))) }
        #expect(error?.code == .truncatedArchive)
        #expect(error?.message.contains("no end-of-central-directory record") == true)
    }

    @Test("a file that is not a zip is refused the same way")
    func notAZip() throws {
        let error = tabularError { _ = try member("x", of: Array("CODGEO;P21_POP\n01001;859\n".utf8)) }
        #expect(error?.code == .truncatedArchive)
    }

    @Test("a damaged stored member fails its CRC-32 check, naming the member")
    func crcMismatch() throws {
        var bytes = zipArchive([ZipMember("xl/worksheets/sheet1.xml", "<sheetData>1234</sheetData>", method: 0)])
        let position = try #require(bytes.firstIndex(of: UInt8(ascii: "3")))
        bytes[position] = UInt8(ascii: "8")
        let error = tabularError { _ = try member("xl/worksheets/sheet1.xml", of: bytes) }
        #expect(error?.code == .truncatedArchive)
        #expect(error?.message.contains("CRC-32") == true)
        #expect(error?.path?.hasSuffix("archive.zip!xl/worksheets/sheet1.xml") == true)
    }

    @Test("a damaged deflate stream is an error, not a short member")
    func corruptDeflate() throws {
        var bytes = zipArchive([ZipMember("big.csv", Self.sizeableText)])
        for index in stride(from: 200, to: 400, by: 7) { bytes[index] ^= 0x5A }
        let error = tabularError { _ = try member("big.csv", of: bytes) }
        #expect(error?.code == .truncatedArchive)
        #expect(error?.path?.hasSuffix("!big.csv") == true)
    }

    @Test("methods other than stored and deflate, and encrypted members, are refused")
    func unsupported() throws {
        let bytes = zipArchive([ZipMember("lzma.xml", "<a/>", method: 14), ZipMember("secret.xml", "<a/>", encrypted: true)])
        let lzma = tabularError { _ = try member("lzma.xml", of: bytes) }
        #expect(lzma?.code == .unsupportedArchive)
        #expect(lzma?.message.contains("method 14") == true)
        let encrypted = tabularError { _ = try member("secret.xml", of: bytes) }
        #expect(encrypted?.code == .unsupportedArchive)
        #expect(encrypted?.message.contains("encrypted") == true)
    }
}
