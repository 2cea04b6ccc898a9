import Catalog
import Compute
import Foundation
import GRDB
import Indicators
import Logging
import Normalise
import TestSupport
import Testing
import Warehouse
@testable import Pipeline

/// What a compute replaced, kept in `indicator_history`: on the demo, a corrected
/// Filosofi file changes the values that depend on it, and only those.
struct ValueHistoryTests {
    private func run(_ sandbox: Sandbox, raw: String, historyRuns: Int = ComputeJob.defaultHistoryRuns) throws -> PipelineSummary {
        var logger = Logger(label: "tests")
        logger.logLevel = .critical
        let pipelines = packageRoot.appendingPathComponent("pipelines").path
        var pipeline = PipelineRun(warehouse: sandbox.warehouse, catalog: sandbox.catalog,
                                   zones: try ZoneCatalog(directory: pipelines + "/zones"),
                                   indicators: try IndicatorCatalog(directory: pipelines + "/indicators"),
                                   knownIssues: try KnownIssueRegister(path: pipelines + "/known-issues.yaml"),
                                   pipelines: pipelines, logger: logger)
        pipeline.historyRuns = historyRuns
        return try pipeline.run(raw: [raw], geography: nil, force: false, command: "observatoire run")
    }

    /// The demo copied, its Filosofi file with Lens's median as given.
    private func raw(_ sandbox: Sandbox, lensMedian: Int) throws -> String {
        let raw = sandbox.directory.appendingPathComponent("raw-\(lensMedian)-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("raw/demo"), to: raw)
        let file = raw.appendingPathComponent("cc_filosofi_2021_COM.csv")
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.replacingOccurrences(of: "\n62498;13571;28508;17250;", with: "\n62498;13571;28508;\(lensMedian);")
            .write(to: file, atomically: true, encoding: .utf8)
        return raw.path
    }

    @Test func aCorrectedFileKeepsTheValuesItReplacedAndOnlyThose() throws {
        let sandbox = try Sandbox()
        _ = try run(sandbox, raw: try raw(sandbox, lensMedian: 17_250))
        #expect(try sandbox.scalar("SELECT count(*) FROM indicator_history") == 0, "a first compute replaces nothing")
        let rows: Int? = try sandbox.scalar("SELECT count(*) FROM indicator_rows")
        _ = try run(sandbox, raw: try raw(sandbox, lensMedian: 17_350))
        let changes = try sandbox.rows("SELECT * FROM v_indicator_history ORDER BY indicator_id, territory")
        #expect(Set(changes.map { $0["indicator_id"] as String }) == ["niveau_vie_median", "taux_pauvrete"],
                "the median, and the poverty rates it imputes")
        #expect(changes.allSatisfy { ($0["change"] as String) == "changed" && ($0["territory"] as String) != "COM:62510" })
        let lens = try #require(changes.first { $0["indicator_id"] == "niveau_vie_median" })
        #expect(lens["territory"] == "COM:62498")
        #expect(lens["previous_value"] == 17_250.0)
        #expect(lens["value"] == 17_350.0)
        #expect(lens["computed_run"] == 1)
        #expect(lens["run_id"] == 2)
        #expect(try sandbox.scalar("SELECT count(*) FROM indicator_rows") == rows)
        // The same file again: nothing changes, nothing is added to the history.
        _ = try run(sandbox, raw: try raw(sandbox, lensMedian: 17_250))
        let total: Int? = try sandbox.scalar("SELECT count(*) FROM indicator_history")
        #expect(total == changes.count * 2)
        _ = try run(sandbox, raw: try raw(sandbox, lensMedian: 17_450), historyRuns: 1)
        #expect(try sandbox.lines("SELECT DISTINCT run_id FROM indicator_history") == ["4"], "only the last compute's changes are kept")
    }
}
