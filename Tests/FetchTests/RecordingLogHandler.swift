import Foundation
import Logging

/// Keeps every message logged through it (`level: message`), so that a test can read the
/// progress a fetch reports.
struct RecordingLogHandler: LogHandler {
    /// The lines logged so far, shared by the copies a `Logger` makes of its handler.
    final class Lines: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []

        func append(_ line: String) { lock.withLock { lines.append(line) } }
        var all: [String] { lock.withLock { lines } }
    }

    let lines: Lines
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        lines.append("\(event.level): \(event.message)")
    }

    /// A logger whose lines end up in `lines`.
    static func logger(_ lines: Lines) -> Logger {
        Logger(label: "tests") { _ in RecordingLogHandler(lines: lines) }
    }
}
