import Foundation
import GRDB
import Testing

/// What a cron user is told after a run: the values it changed and the values that look
/// wrong, in the last log line, and an exit code of its own with `--fail-on-alert`.
@Suite struct DataQualityCLITests {
    /// The demo with Lens's poverty rate published as 250 %.
    private func raw(in directory: URL) throws -> String {
        let raw = directory.appendingPathComponent("raw")
        try FileManager.default.copyItem(at: Observatoire.packageRoot.appendingPathComponent("raw/demo"), to: raw)
        let file = raw.appendingPathComponent("cc_filosofi_2021_COM.csv")
        let text = try String(contentsOf: file, encoding: .utf8)
        let corrupted = text.replacingOccurrences(of: "\n62498;13571;28508;17250;35,0;32,0;", with: "\n62498;13571;28508;17250;35,0;250,0;")
        #expect(corrupted != text)
        try corrupted.write(to: file, atomically: true, encoding: .utf8)
        return raw.path
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: Observatoire.binary.path), "the observatoire binary is not built"))
    func anImplausibleValueIsAnAlertAndFailsTheRunOnlyWhenAsked() throws {
        let directory = try Observatoire.temporaryDirectory()
        let raw = try raw(in: directory)
        let warehouse = directory.appendingPathComponent("w.sqlite").path
        let run = try Observatoire.run(["run", "--warehouse", warehouse, "--raw", raw, "--log-format", "json"])
        #expect(run.status == 0, "\(run.errors)")
        let last = try #require(run.errors.split(separator: "\n").last { $0.contains("\"run_id\"") })
        let line = try #require(try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any])
        let metadata = line["metadata"] as? [String: Any] ?? line
        #expect(metadata["alerts"] as? String != "0", "\(last)")
        #expect(metadata["values_changed"] as? String == "0", "a first compute replaces nothing")
        #expect(run.errors.contains("Data-quality alert"))
        #expect(run.errors.contains("250.0 is above the plausible maximum 100.0"))
        #expect(run.errors.contains("cc_filosofi_2021_COM.csv"), "the alert names the file behind the value")

        let failing = try Observatoire.run(["run", "--warehouse", warehouse, "--raw", raw, "--force", "--fail-on-alert", "--quiet"])
        #expect(failing.status == 4, "\(failing.errors)")
        let status = try Observatoire.run(["status", "--warehouse", warehouse, "--runs", "1"])
        #expect(status.output.contains("data-quality alert"), "\(status.output)")

        // Alerts are kept for as many computes as the history: not added up run after run.
        let alertRuns = { try DatabaseQueue(path: warehouse).read { try Int.fetchOne($0, sql: "SELECT count(DISTINCT run_id) FROM alerts") } }
        #expect(try alertRuns() == 2)
        #expect(try Observatoire.run(["run", "--warehouse", warehouse, "--raw", raw, "--force", "--keep-history", "1", "--quiet"]).status == 0)
        #expect(try alertRuns() == 1)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: Observatoire.binary.path), "the observatoire binary is not built"))
    func diffSaysWhatTheLastRunChanged() throws {
        let directory = try Observatoire.temporaryDirectory()
        let raw = directory.appendingPathComponent("raw")
        try FileManager.default.copyItem(at: Observatoire.packageRoot.appendingPathComponent("raw/demo"), to: raw)
        let warehouse = directory.appendingPathComponent("w.sqlite").path
        #expect(try Observatoire.run(["run", "--warehouse", warehouse, "--raw", raw.path, "--quiet"]).status == 0)
        let file = raw.appendingPathComponent("cc_filosofi_2021_COM.csv")
        try (try String(contentsOf: file, encoding: .utf8)).replacingOccurrences(of: "\n62498;13571;28508;17250;", with: "\n62498;13571;28508;17350;")
            .write(to: file, atomically: true, encoding: .utf8)
        let run = try Observatoire.run(["run", "--warehouse", warehouse, "--raw", raw.path, "--log-format", "json"])
        #expect(run.errors.contains("\"values_changed\":\"16\"") && run.errors.contains("\"values_beyond_tolerance\":\"1\""), "\(run.errors)")
        let diff = try Observatoire.run(["diff", "--warehouse", warehouse])
        #expect(diff.status == 0, "\(diff.errors)")
        #expect(diff.output.contains("filosofi-commune-2021 2021 cc_filosofi_2021_COM.csv"))
        #expect(diff.output.contains("values: 16 differ, 1 beyond tolerance"))
        let median = try #require(diff.output.split(separator: "\n").first { $0.contains("niveau_vie_median") })
        #expect(median.contains("COM:62498") && median.contains("17250") && median.contains("17350") && median.contains("+0.58 %"))
        let json = try Observatoire.run(["diff", "--warehouse", warehouse, "--format", "json"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        #expect(document["values_changed"] as? Int == 16)
        #expect(try Observatoire.run(["diff", "--warehouse", warehouse, "--from", warehouse]).status == 2, "--from needs --to")
    }
}
