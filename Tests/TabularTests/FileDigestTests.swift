import Foundation
import Testing
import Tabular

/// SHA-256 identifies a loaded file; the expected digests were computed with `sha256sum`.
@Suite("FileDigest")
struct FileDigestTests {
    @Test("known digests", arguments: [
        ([UInt8](), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        (Array("abc".utf8), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    ])
    func knownDigests(content: [UInt8], expected: String) throws {
        try withScratch { scratch in
            let digest = try FileDigest.sha256(path: try scratch.write("f", bytes: content))
            #expect(digest.sha256 == expected)
            #expect(digest.size == content.count)
        }
    }

    @Test("a file larger than one read chunk is hashed whole")
    func multiChunk() throws {
        // `python3 -c "… bytes(i % 251 for i in range(3_000_000))" | sha256sum`
        let content = (0..<3_000_000).map { UInt8($0 % 251) }
        try withScratch { scratch in
            let digest = try FileDigest.sha256(path: try scratch.write("big", bytes: content))
            #expect(digest.sha256 == "4d3870d4655ed773027a713ea136507d22e076248e0e9cc920a996039653b76f")
            #expect(digest.size == 3_000_000)
        }
    }

    @Test("a background digest is the file's digest, computed while the caller reads it")
    func backgroundDigest() throws {
        var text = "CODGEO;P21_POP\n"
        for index in 0..<200_000 { text += "\(10_000 + index);\(index)\n" }
        try withScratch { scratch in
            let path = try scratch.write("long.csv", text)
            let background = BackgroundDigest(path: path)
            try ReadAheadReader(try CSVReader(path: path)).forEachRecord { _ in }
            #expect(try background.result() == FileDigest.sha256(path: path))
            let compressed = try gzip(path)
            #expect(try BackgroundDigest(path: compressed).result() == FileDigest.sha256(path: compressed))
        }
    }

    @Test("a cancelled background digest stops with Cancelled, or has finished with the right digest")
    func cancelledBackgroundDigest() throws {
        try withScratch { scratch in
            let path = try scratch.write("big", bytes: (0..<3_000_000).map { UInt8($0 % 251) })
            let background = BackgroundDigest(path: path)
            background.cancel()
            do {
                #expect(try background.result().sha256 == "4d3870d4655ed773027a713ea136507d22e076248e0e9cc920a996039653b76f")
            } catch is FileDigest.Cancelled {
            }
        }
    }

    @Test("a background digest of a missing file gives cannotOpen")
    func backgroundMissing() {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("absent-\(UUID().uuidString)").path
        let error = tabularError { _ = try BackgroundDigest(path: path).result() }
        #expect(error?.code == .cannotOpen)
    }

    @Test("a gzip file is hashed as stored, not decompressed")
    func gzipAsStored() throws {
        try withScratch { scratch in
            let compressed = try gzip(try scratch.write("a.csv", "A;B\n1;2\n"))
            let size = try FileManager.default.attributesOfItem(atPath: compressed)[.size] as? Int
            #expect(try FileDigest.sha256(path: compressed).size == size)
        }
    }

    @Test("a missing file is cannotOpen")
    func missing() {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("absent-\(UUID().uuidString)").path
        let error = tabularError { _ = try FileDigest.sha256(path: path) }
        #expect(error?.code == .cannotOpen)
    }
}
