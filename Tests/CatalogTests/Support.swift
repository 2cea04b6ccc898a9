import Catalog
import Core
import Foundation
import Testing

/// The package root, found from this file's path (Tests/CatalogTests/Support.swift).
let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The project's real source definitions.
let sourcesDirectory = packageRoot.appendingPathComponent("pipelines/sources").path

func realCatalog() throws -> SourceCatalog {
    try SourceCatalog(directory: sourcesDirectory)
}

/// A temporary folder of YAML definitions, removed after `body`.
func withDefinitions<T>(_ files: [String: String], _ body: (URL) throws -> T) throws -> T {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("catalog-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    for (name, text) in files {
        try Data(text.utf8).write(to: directory.appendingPathComponent(name))
    }
    return try body(directory)
}

/// Loads a catalog from `files` written to a temporary folder.
func catalog(_ files: [String: String]) throws -> SourceCatalog {
    try withDefinitions(files) { try SourceCatalog(directory: $0.path) }
}

/// The `ObservatoireError` thrown by `body`, or nil when it throws something else or nothing.
func catalogError(_ body: () throws -> Void) -> ObservatoireError? {
    do {
        try body()
        return nil
    } catch let error as ObservatoireError {
        return error
    } catch {
        return nil
    }
}

/// A minimal valid `observations` definition recognised by `columns`.
func observations(id: String, columns: [String], fileName: String? = nil, vintage: String = "\"2021\"") -> String {
    var text = """
        id: \(id)
        label: "Source \(id)"
        kind: observations
        vintage: \(vintage)
        recognise:
          columns: [\(columns.joined(separator: ", "))]

        """
    if let fileName { text += "  file_name: '\(fileName)'\n" }
    text += """
        key: { column: \(columns[0]), code: commune }
        variables: { columns: [\(columns.dropFirst().joined(separator: ", "))] }

        """
    return text
}

/// Splits a published header line.
func header(_ line: String) -> [String] {
    let separator: Character = line.contains(";") ? ";" : line.contains("\t") ? "\t" : ","
    return line.split(separator: separator, omittingEmptySubsequences: false).map(String.init)
}

/// A definition file `rule.yaml` holding `text` is refused as invalid, naming the file and
/// saying `says`.
func expectRefused(_ text: String, saying says: String) throws {
    try withDefinitions(["rule.yaml": text]) { directory in
        let error = catalogError { _ = try SourceCatalog(directory: directory.path) }
        #expect(error?.code == .invalidDefinition)
        #expect(error?.path?.hasSuffix("rule.yaml") == true)
        #expect(error?.message.contains(says) == true, "\(error?.message ?? "no error")")
    }
}
