import Foundation
import Logging
import Testing
@testable import Pipeline

struct LineLogHandlerTests {
    @Test func textLinesSayTheLevelOnlyForProblems() {
        #expect(LineLogHandler.line(level: .notice, message: "compute: done", metadata: ["seconds": "0.30"], format: .text, label: "o")
            == "compute: done (seconds=0.30)")
        #expect(LineLogHandler.line(level: .warning, message: "rejections raw/x.csv", metadata: [:], format: .text, label: "o")
            == "warning: rejections raw/x.csv")
    }

    @Test func jsonLinesAreOneObjectEach() throws {
        let line = LineLogHandler.line(level: .error, message: "run failed: \"x\"\nnext", metadata: ["rows": "3"], format: .json,
                                       label: "observatoire", now: Date(timeIntervalSince1970: 0))
        #expect(!line.contains("\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
        #expect(object == ["time": "1970-01-01T00:00:00Z", "level": "error", "label": "observatoire",
                           "message": "run failed: \"x\"\nnext", "rows": "3"])
    }

    @Test func theLoggerLevelFiltersMessages() {
        let lines = Lines()
        let logger = Logger(label: "o") { label in LineLogHandler(label: label, format: .text, level: .warning, write: lines.append) }
        logger.notice("quiet")
        logger.warning("loud")
        #expect(lines.all == ["warning: loud\n"])
    }
}

/// Lines written by a handler under test.
final class Lines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}
