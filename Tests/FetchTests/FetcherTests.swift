import Catalog
import Foundation
import Logging
import Tabular
import TestSupport
import Testing
@testable import Fetch

/// `fetch` against a file server on 127.0.0.1 (Tests/FetchTests/fetch-server.py) that
/// serves the real extracts of ../shared/data, with Range requests, a connection that
/// drops once, and 404s.
@Suite(.enabled(if: SharedData.isAvailable && FileManager.default.fileExists(atPath: "/usr/bin/python3"),
                "../shared/data or /usr/bin/python3 is absent"))
struct FetcherTests {
    /// A running server; ended when the suite's instance goes.
    final class LoopbackServer: @unchecked Sendable {
        let process = Process()
        let port: Int

        init(root: String) throws {
            let script = try #require(Bundle.module.path(forResource: "fetch-server", ofType: "py"))
            let portFile = FileManager.default.temporaryDirectory.appendingPathComponent("fetch-port-\(UUID().uuidString)").path
            process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
            process.arguments = [script, root, portFile]
            // Not the test runner's output: a server still running when the tests end
            // (it stops by itself after 120 s) would hold that pipe open, and `swift test`
            // would wait for it before reporting.
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let deadline = Date().addingTimeInterval(10)
            while !FileManager.default.fileExists(atPath: portFile) && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
            port = try #require(Int(try String(contentsOfFile: portFile, encoding: .utf8)))
        }

        deinit { process.terminate() }

        func url(_ path: String) -> String { "http://127.0.0.1:\(port)/\(path)" }
    }

    let server: LoopbackServer
    let raw: String

    init() throws {
        server = try LoopbackServer(root: SharedData.root.path)
        raw = FileManager.default.temporaryDirectory.appendingPathComponent("fetch-raw-\(UUID().uuidString)").path
    }

    private func fetcher() -> Fetcher {
        var logger = Logger(label: "tests")
        logger.logLevel = .critical
        return Fetcher(raw: raw, policy: .init(attempts: 3, firstDelay: 0.05, timeout: 10), logger: logger)
    }

    private func sha256(_ relative: String) throws -> String {
        try FileDigest.sha256(path: SharedData.path(relative)).sha256
    }

    @Test func downloadsVerifiesAndThenLeavesAValidFileAlone() throws {
        let download = SourceDefinition.Download(url: server.url("cog/2024/regions.csv"), to: "cog/2024/regions.csv",
                                                 sha256: try sha256("cog/2024/regions.csv"))
        let first = fetcher().fetch(download, source: "cog-regions")
        #expect(first.status == .downloaded, "\(first.message ?? "")")
        #expect(try FileDigest.sha256(path: raw + "/cog/2024/regions.csv").sha256 == download.sha256)
        #expect(!FileManager.default.fileExists(atPath: raw + "/cog/2024/regions.csv.part"))
        let second = fetcher().fetch(download, source: "cog-regions")
        #expect(second.status == .present)
        #expect(second.message == "already there, SHA-256 verified")
    }

    @Test func aDroppedConnectionIsResumedWhereItBrokeOff() throws {
        let path = "cog/2024/communes.csv"
        let download = SourceDefinition.Download(url: server.url("drop-once/" + path), to: path, sha256: try sha256(path))
        let outcome = fetcher().fetch(download, source: "cog-communes")
        #expect(outcome.status == .downloaded, "\(outcome.message ?? "")")
        #expect(outcome.attempts == 2)
        #expect(try FileDigest.sha256(path: raw + "/" + path).sha256 == download.sha256)
    }

    @Test func aWrongChecksumLeavesNoFileUnderTheFinalName() throws {
        let download = SourceDefinition.Download(url: server.url("cog/2024/regions.csv"), to: "cog/2024/regions.csv",
                                                 sha256: String(repeating: "0", count: 64))
        let outcome = fetcher().fetch(download, source: "cog-regions")
        #expect(outcome.status == .failed)
        #expect(outcome.message?.contains("is not the 0000") == true)
        #expect(!FileManager.default.fileExists(atPath: raw + "/cog/2024/regions.csv"))
        #expect(!FileManager.default.fileExists(atPath: raw + "/cog/2024/regions.csv.part"))
    }

    @Test func aMissingFileFailsAtOnce() throws {
        let download = SourceDefinition.Download(url: server.url("missing/x.csv"), to: "x.csv")
        let outcome = fetcher().fetch(download, source: "s")
        #expect(outcome.status == .failed)
        #expect(outcome.attempts == 0)
        #expect(outcome.message?.contains("HTTP 404") == true)
    }

    @Test func aZipMemberIsTakenOutAndTheArchiveDiscarded() throws {
        // The real INSEE workbook is a zip archive: take one of its members.
        let download = SourceDefinition.Download(url: server.url("epci/insee-EPCI_au_01-01-2024.xlsx"), to: "epci/workbook.xml",
                                                 member: "xl/workbook.xml")
        let outcome = fetcher().fetch(download, source: "s")
        #expect(outcome.status == .downloaded, "\(outcome.message ?? "")")
        let text = try String(contentsOfFile: raw + "/epci/workbook.xml", encoding: .utf8)
        #expect(text.contains("Composition_communale"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: raw + "/epci") == ["workbook.xml"])
        let missing = fetcher().fetch(.init(url: download.url, to: "epci/other.xml", member: "nope.xml"), source: "s")
        #expect(missing.message?.contains("no member 'nope.xml'") == true)
    }

    @Test(arguments: ["../escape.csv", "/etc/passwd", "a/../../b.csv", "a//b.csv"])
    func pathsOutsideTheRawFolderAreRefused(path: String) throws {
        #expect(!RawPath.isSafe(path))
        let outcome = fetcher().fetch(.init(url: server.url("cog/2024/regions.csv"), to: path), source: "s")
        #expect(outcome.status == .failed)
        #expect(outcome.message?.contains("not a relative path inside") == true)
    }
}
