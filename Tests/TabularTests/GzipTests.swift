import Foundation
import Testing
import Tabular

/// gzip files are read transparently, and a damaged archive is an error, never a short file.
@Suite("CSVReader: gzip")
struct GzipTests {
    /// A few MB of CSV, larger than the reader's first chunk once decompressed.
    static func sizeableCSV(records: Int) -> String {
        var text = "com,libelle,pmun\n"
        for index in 0..<records {
            text += "\(10000 + index),\"Commune n° \(index), ou presque\",\(index * 7 % 1000)\n"
        }
        return text
    }

    @Test("a .gz file reads like the plain file")
    func readsGzip() throws {
        try withScratch { scratch in
            let plain = try scratch.write("communes-2019.csv", "\"typecom\",\"com\",\"libelle\"\nCOM,\"01001\",L'Abergement-Clémenciat\nCOM,\"01002\",L'Abergement-de-Varey\n")
            let compressed = try gzip(plain)
            let expected = try readAll(plain)
            let result = try readAll(compressed)
            #expect(result.header == ["typecom", "com", "libelle"])
            #expect(result.rows == expected.rows)
            #expect(result.lines == [2, 3])
            #expect(result.encoding == .utf8)
            #expect(result.delimiter == .comma)
        }
    }

    @Test("detection looks at the decompressed bytes, not the file name")
    func gzipWithoutSuffix() throws {
        try withScratch { scratch in
            let plain = try scratch.write("data.csv", "A;B\n1;2\n")
            let compressed = try gzip(plain)
            let renamed = scratch.path("data-sans-extension.csv")
            try FileManager.default.moveItem(atPath: compressed, toPath: renamed)
            #expect(try readAll(renamed).rows == [["1", "2"]])
        }
    }

    @Test("a large .gz streams across chunks and reports decompressed bytes read")
    func largeGzip() throws {
        try withScratch { scratch in
            let text = Self.sizeableCSV(records: 80_000)
            let compressed = try gzip(try scratch.write("big.csv", text))
            let reader = try CSVReader(path: compressed)
            var count = 0
            var last: [String] = []
            try reader.forEachRecord { record in
                count += 1
                last = record.strings
            }
            #expect(count == 80_000)
            #expect(last == ["89999", "Commune n° 79999, ou presque", "\(79_999 * 7 % 1000)"])
            #expect(reader.bytesRead == text.utf8.count)
        }
    }

    @Test("a small .gz cut in half is truncatedArchive")
    func truncatedSmallGzip() throws {
        try withScratch { scratch in
            let compressed = try gzip(try scratch.write("small.csv", Self.sizeableCSV(records: 200)))
            let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: compressed)))
            let cut = try scratch.write("small-cut.csv.gz", bytes: Array(bytes.prefix(bytes.count / 2)))
            let error = tabularError { _ = try readAll(cut) }
            #expect(error?.code == .truncatedArchive)
            #expect(error?.path == cut)
        }
    }

    @Test("a large .gz cut in half is truncatedArchive, thrown after the records read so far")
    func truncatedLargeGzip() throws {
        try withScratch { scratch in
            let compressed = try gzip(try scratch.write("big.csv", Self.sizeableCSV(records: 80_000)))
            let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: compressed)))
            let cut = try scratch.write("big-cut.csv.gz", bytes: Array(bytes.prefix(bytes.count / 2)))
            var count = 0
            let error = tabularError {
                let reader = try CSVReader(path: cut)
                try reader.forEachRecord { _ in count += 1 }
            }
            #expect(error?.code == .truncatedArchive)
            // Never silently a shorter file.
            #expect(count < 80_000)
        }
    }

    @Test("a .gz missing only its 8-byte trailer is truncatedArchive")
    func missingTrailer() throws {
        try withScratch { scratch in
            let compressed = try gzip(try scratch.write("t.csv", "A;B\n1;2\n3;4\n"))
            let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: compressed)))
            let cut = try scratch.write("t-cut.csv.gz", bytes: Array(bytes.dropLast(8)))
            let error = tabularError { _ = try readAll(cut) }
            #expect(error?.code == .truncatedArchive)
        }
    }

    @Test("a .gz whose checksum does not match is refused")
    func corruptChecksum() throws {
        try withScratch { scratch in
            let compressed = try gzip(try scratch.write("c.csv", "A;B\n1;2\n3;4\n"))
            var bytes = try Array(Data(contentsOf: URL(fileURLWithPath: compressed)))
            bytes[bytes.count - 8] ^= 0xFF  // first byte of the CRC-32 in the trailer
            let corrupt = try scratch.write("c-bad.csv.gz", bytes: bytes)
            let error = tabularError { _ = try readAll(corrupt) }
            #expect(error?.code == .truncatedArchive)
        }
    }
}
