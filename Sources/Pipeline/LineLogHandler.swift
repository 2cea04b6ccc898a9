import Foundation
import Logging

/// A swift-log handler writing one line per message to standard error: readable text
/// for a person at a terminal, or JSON lines (`--log-format json`) for a log collector.
public struct LineLogHandler: LogHandler {
    public enum Format: String, Sendable, CaseIterable {
        case text, json
    }

    public let label: String
    public let format: Format
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    /// Where lines go; standard error unless a test captures them.
    private let write: @Sendable (String) -> Void

    public init(label: String, format: Format, level: Logger.Level,
                write: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }) {
        self.label = label
        self.format = format
        logLevel = level
        self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let all = metadata.merging(event.metadata ?? [:]) { $1 }
        write(Self.line(level: event.level, message: "\(event.message)", metadata: all, format: format, label: label) + "\n")
    }

    /// One line: `warning: message (key=value, …)`, or a JSON object with time, level,
    /// label, message and the metadata as strings.
    static func line(level: Logger.Level, message: String, metadata: Logger.Metadata, format: Format, label: String,
                     now: Date = Date()) -> String {
        switch format {
        case .text:
            let prefix = level >= .warning ? "\(level): " : ""
            let details = metadata.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
            return prefix + message + (details.isEmpty ? "" : " (\(details))")
        case .json:
            var object: [String: String] = ["time": now.formatted(.iso8601), "level": "\(level)",
                                            "label": label, "message": message]
            for (key, value) in metadata where object[key] == nil { object[key] = "\(value)" }
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
            return String(decoding: data, as: UTF8.self)
        }
    }
}
