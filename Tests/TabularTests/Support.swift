import Core
import Foundation
import Tabular

/// The package root, found from this file's path (Tests/TabularTests/Support.swift).
let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Real extracts kept beside the repository (`../shared/data`); tests using them are
/// skipped when the folder is absent.
enum SharedData {
    static let root = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data")
    static var isAvailable: Bool { FileManager.default.fileExists(atPath: root.path) }
    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }
}

/// A fresh temporary folder for one test's fixtures.
struct Scratch {
    let directory: URL

    /// Writes `content` as UTF-8 (no BOM, line endings as given) and returns the path.
    func write(_ name: String, _ content: String) throws -> String {
        try write(name, bytes: Array(content.utf8))
    }

    /// Writes exactly `bytes` and returns the path.
    func write(_ name: String, bytes: [UInt8]) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
}

/// Runs `body` with a temporary folder that is removed afterwards, whatever happens.
/// (A closure rather than a class with `deinit`: ARC could otherwise remove the folder
/// right after the last use of the object, before the reader opens the file.)
func withScratch<T>(_ body: (Scratch) throws -> T) throws -> T {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("tabular-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try body(Scratch(directory: directory))
}

/// A record copied out of the reader's buffers, which are only valid inside the closure.
struct ReadRecord: Equatable {
    var line: Int
    var fields: [String]
    var defect: CSVDefect?
}

/// What reading a whole file gives.
struct ReadResult {
    var encoding: TextEncoding
    var delimiter: UInt8
    var hadByteOrderMark: Bool
    var header: [String]
    var records: [ReadRecord]

    var rows: [[String]] { records.map(\.fields) }
    var lines: [Int] { records.map(\.line) }
}

/// Opens `path`, reads every record and copies everything a test may look at.
func readAll(_ path: String, delimiter: UInt8? = nil, encoding: TextEncoding? = nil) throws -> ReadResult {
    let reader = try CSVReader(path: path, delimiter: delimiter, encoding: encoding)
    var records: [ReadRecord] = []
    try reader.forEachRecord { record in
        records.append(ReadRecord(line: record.line, fields: record.strings, defect: record.defect))
    }
    return ReadResult(encoding: reader.encoding, delimiter: reader.delimiter,
                      hadByteOrderMark: reader.hadByteOrderMark, header: reader.header, records: records)
}

/// Writes `content` to a temporary file and reads it back whole.
func read(_ content: String, name: String = "fixture.csv", delimiter: UInt8? = nil, encoding: TextEncoding? = nil) throws -> ReadResult {
    try read(bytes: Array(content.utf8), name: name, delimiter: delimiter, encoding: encoding)
}

func read(bytes: [UInt8], name: String = "fixture.csv", delimiter: UInt8? = nil, encoding: TextEncoding? = nil) throws -> ReadResult {
    try withScratch { scratch in
        try readAll(try scratch.write(name, bytes: bytes), delimiter: delimiter, encoding: encoding)
    }
}

/// The `ObservatoireError` thrown by `body`, or nil when it throws something else or nothing.
func tabularError(_ body: () throws -> Void) -> ObservatoireError? {
    do {
        try body()
        return nil
    } catch let error as ObservatoireError {
        return error
    } catch {
        return nil
    }
}

/// Compresses `source` with the system `gzip` into `source.gz` and returns that path.
func gzip(_ source: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["gzip", "-k", "-n", "-f", source]
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "gzip exited with \(process.terminationStatus)"])
    }
    return source + ".gz"
}

extension UInt8 {
    static let semicolon = UInt8(ascii: ";")
    static let comma = UInt8(ascii: ",")
    static let tab = UInt8(ascii: "\t")
}
