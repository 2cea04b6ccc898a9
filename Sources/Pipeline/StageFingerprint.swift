import Foundation
import GRDB
import Tabular
import Warehouse

/// What a stage's result depends on, reduced to one SHA-256: when it equals the
/// fingerprint of the stage's last done run, the stage has nothing to do.
enum StageFingerprint {
    /// `normalise`: the target geography, every file currently loaded (by checksum), the
    /// source definitions (they declare the files' geographies) and the zones, and the last
    /// write made outside a pipeline run (a hand-run `normalise` or `compute` may have
    /// changed the result).
    static func normalise(geography: Int, sourcesDirectory: String, zonesDirectory: String, _ db: Database) throws -> String {
        var parts = ["geography \(geography)"]
        parts += try FileJournal.currentChecksums(db).map { "file \($0.fileID) \($0.sourceID) \($0.sha256)" }
        parts.append("outside runs \(try RunJournal.lastStageRunByHand(db))")
        parts += try definitions(in: sourcesDirectory) + definitions(in: zonesDirectory)
        return digest(parts)
    }

    /// `compute`: what `normalise` depends on, plus the indicator definitions and the
    /// known-issue register.
    static func compute(normalise: String, indicatorsDirectory: String, knownIssues: String) throws -> String {
        digest([normalise] + (try definitions(in: indicatorsDirectory)) + [try contents(knownIssues)])
    }

    /// Every YAML file of a folder, by name and content.
    private static func definitions(in directory: String) throws -> [String] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        return try names.map { "\($0) \(try contents((directory as NSString).appendingPathComponent($0)))" }
    }

    /// A file's content (empty when it does not exist).
    private static func contents(_ path: String) throws -> String {
        guard FileManager.default.fileExists(atPath: path) else { return "" }
        return digest([try String(contentsOfFile: path, encoding: .utf8)])
    }

    private static func digest(_ parts: [String]) -> String {
        FileDigest.sha256(Array(parts.joined(separator: "\n").utf8))
    }
}
