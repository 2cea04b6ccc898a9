import Foundation

/// The `observatoire` executable built beside the test bundle, run from the package root
/// as cron and analysts run it.
enum Observatoire {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("observatoire")

    struct Result {
        var status: Int32
        var output: String
        var errors: String
    }

    /// Runs `observatoire ARGUMENTS` (or `executable ARGUMENTS`, a shell that sets a limit
    /// before it execs the binary) to its end, from the package root.
    static func run(_ arguments: [String], executable: URL = binary) throws -> Result {
        try run(arguments, in: packageRoot, executable: executable)
    }

    /// Runs `executable ARGUMENTS` from `directory`, with the environment of the tests less
    /// the `OBSERVATOIRE_` variables, plus `environment`.
    static func run(_ arguments: [String], in directory: URL, executable: URL = binary,
                    environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("OBSERVATOIRE_") }
            .merging(environment) { $1 }
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self),
                      errors: String(decoding: errorData, as: UTF8.self))
    }

    /// Starts `observatoire ARGUMENTS` without waiting, its output discarded: to be killed.
    static func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = packageRoot
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("observatoire-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
