import Foundation

/// Debian's Python, to read our outputs back with independent readers (csv, openpyxl).
public enum Python {
    public static let path = "/usr/bin/python3"

    public static var hasOpenpyxl: Bool {
        guard FileManager.default.isExecutableFile(atPath: path) else { return false }
        return (try? run(["-c", "import openpyxl"]).status) == 0
    }

    /// Runs `python3 arguments…`, with standard output and error together.
    public static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try ToolProcess.run(path, arguments)
    }
}

/// A program the tests read our outputs back with, run to its end.
public enum ToolProcess {
    /// Runs `path arguments…`; its exit status and its standard output and error together.
    public static func run(_ path: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
