import Catalog
import Foundation
import GRDB
import Indicators
import Logging
import Normalise
import TestSupport
import Testing
import Warehouse
@testable import Pipeline

/// `run` on the demo territory copied into a temporary raw folder.
struct PipelineRunTests {
    private func raw(_ sandbox: Sandbox) throws -> String {
        let raw = sandbox.directory.appendingPathComponent("raw")
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("raw/demo"), to: raw)
        return raw.path
    }

    private func pipeline(_ sandbox: Sandbox, indicators: String? = nil) throws -> PipelineRun {
        var logger = Logger(label: "tests")
        logger.logLevel = .critical
        let pipelines = packageRoot.appendingPathComponent("pipelines").path
        return PipelineRun(warehouse: sandbox.warehouse, catalog: sandbox.catalog,
                           zones: try ZoneCatalog(directory: pipelines + "/zones"),
                           indicators: try IndicatorCatalog(directory: indicators ?? pipelines + "/indicators"),
                           knownIssues: try KnownIssueRegister(path: pipelines + "/known-issues.yaml"),
                           pipelines: pipelines, logger: logger)
    }

    private func statuses(_ summary: PipelineSummary) -> [String] {
        summary.stages.map { "\($0.stage.rawValue) \($0.status.rawValue)" }
    }

    @Test func aSecondRunWithTheSameInputsSkipsNormaliseAndComputeAndChangesNothing() throws {
        let sandbox = try Sandbox()
        let raw = try raw(sandbox)
        let first = try pipeline(sandbox).run(raw: [raw], geography: nil, force: false, command: "observatoire run")
        #expect(statuses(first) == ["ingest done", "normalise done", "compute done"])
        #expect(first.geography == 2024)
        // observations declares no foreign keys (bulk load): the loaders keep them true.
        let orphans = try sandbox.warehouse.read { db in
            try Int.fetchOne(db, sql: """
                SELECT count(*) FROM observations o
                WHERE NOT EXISTS (SELECT 1 FROM files f WHERE f.file_id = o.file_id AND f.status = 'current')
                   OR NOT EXISTS (SELECT 1 FROM variables v WHERE v.variable_id = o.variable_id)
                """)
        }
        #expect(orphans == 0)
        let before = try content(sandbox)
        let second = try pipeline(sandbox).run(raw: [raw], geography: nil, force: false, command: "observatoire run")
        #expect(statuses(second) == ["ingest done", "normalise skipped", "compute skipped"])
        #expect(second.ingest?.count(.unchanged) == 15)
        #expect(try content(sandbox) == before)
        let forced = try pipeline(sandbox).run(raw: [raw], geography: nil, force: true, command: "observatoire run")
        #expect(statuses(forced) == ["ingest done", "normalise done", "compute done"])
    }

    @Test func statusSaysHowSureTheFiguresAre() throws {
        let sandbox = try Sandbox()
        _ = try pipeline(sandbox).run(raw: [try raw(sandbox)], geography: nil, force: false, command: "observatoire run")
        let figures = try #require(try WarehouseStatus(warehouse: sandbox.warehouse).figures.first)
        #expect(figures.geography == 2024)
        // The MEL, Nord, Pas-de-Calais, Hauts-de-France and France have communes missing in the demo.
        #expect(figures.partialTerritories == 5)
        let counted = Dictionary(uniqueKeysWithValues: figures.statuses.map { ($0.status, $0.values) })
        let total: Int? = try sandbox.scalar("SELECT count(*) FROM indicator_values WHERE geography = 2024")
        #expect(counted.values.reduce(0, +) == total)
        for status in ["ok", "secret", "insufficient-coverage", "small-count"] {
            #expect(counted[status, default: 0] > 0, "\(status)")
        }
    }

    @Test func aChangedIndicatorDefinitionRedoesComputeOnly() throws {
        let sandbox = try Sandbox()
        let raw = try raw(sandbox)
        _ = try pipeline(sandbox).run(raw: [raw], geography: nil, force: false, command: "observatoire run")
        let indicators = sandbox.directory.appendingPathComponent("indicators")
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("pipelines/indicators"), to: indicators)
        try "theme: Test\nindicators:\n  - { id: menages_fiscaux_bis, label: x, unit: ménages, aggregation: stock, value: 'NBMENFISC{yy}' }\n"
            .write(to: indicators.appendingPathComponent("9-test.yaml"), atomically: true, encoding: .utf8)
        let summary = try pipeline(sandbox, indicators: indicators.path).run(raw: [raw], geography: nil, force: false, command: "observatoire run")
        #expect(statuses(summary) == ["ingest done", "normalise skipped", "compute done"])
        #expect(try sandbox.scalar("SELECT count(*) FROM indicator_values WHERE indicator_id = 'menages_fiscaux_bis'") ?? 0 > 300)
    }

    @Test func aNewFileRedoesNormaliseAndCompute() throws {
        let sandbox = try Sandbox()
        let raw = try raw(sandbox)
        _ = try pipeline(sandbox).run(raw: [raw], geography: nil, force: false, command: "observatoire run")
        try FileManager.default.removeItem(atPath: raw + "/populations-legales-2021.csv")
        try "REG;DEP;COM;PMUN;PCAP;PTOT\n32;62;62498;32697;500;33197\n".write(toFile: raw + "/populations-legales-2019.csv", atomically: true, encoding: .utf8)
        let summary = try pipeline(sandbox).run(raw: [raw], geography: nil, force: false, command: "observatoire run")
        #expect(statuses(summary) == ["ingest done", "normalise done", "compute done"])
    }

    @Test func aRefusedFileRollsTheWholeRunBack() throws {
        let sandbox = try Sandbox()
        let raw = try raw(sandbox)
        _ = try pipeline(sandbox).run(raw: [raw], geography: nil, force: false, command: "observatoire run")
        let before = try content(sandbox)
        // A new Filosofi file that ends inside a quoted field: refused whole.
        try "CODGEO;NBMENFISC21;NBPERSMENFISC21;MED21;TP6021\n62498;100;200;\"17000;30\n"
            .write(toFile: raw + "/filosofi-broken.csv", atomically: true, encoding: .utf8)
        try "CODGEO;NBMENFISC21;NBPERSMENFISC21;MED21;TP6021\n62498;1;2;3;4\n".write(toFile: raw + "/filosofi-ok.csv", atomically: true, encoding: .utf8)
        #expect { try pipeline(sandbox).run(raw: [raw], geography: nil, force: false, command: "observatoire run") } throws: { error in
            "\(error)".contains("filosofi-broken.csv") && "\(error)".contains("the run was rolled back")
        }
        #expect(try content(sandbox) == before)
        let failed = try #require(try sandbox.rows("SELECT * FROM run_stages WHERE status = 'failed'").first)
        #expect(failed["stage"] == "ingest")
        #expect(try sandbox.scalar("SELECT status FROM runs ORDER BY run_id DESC LIMIT 1") == "failed")
    }

    @Test func aSecondWriterIsRefusedUntilTheFirstHasFinished() throws {
        let sandbox = try Sandbox()
        let path = sandbox.directory.appendingPathComponent("warehouse.sqlite").path
        do {
            let first = try WriterLock(warehouse: path)
            #expect { try WriterLock(warehouse: path, wait: 0.3) } throws: { error in
                "\(error)".contains("another observatoire command is writing to this warehouse (pid \(getpid())")
            }
            withExtendedLifetime(first) {}
        }
        // Released with its holder: the next writer gets it.
        #expect(throws: Never.self) { _ = try WriterLock(warehouse: path) }
    }

    @Test func runsLeftRunningByAKilledProcessAreClosed() throws {
        let sandbox = try Sandbox()
        let runID = try RunJournal.start(command: "observatoire run", in: sandbox.warehouse)
        #expect(try RunJournal.closeInterrupted(in: sandbox.warehouse) == 1)
        let row = try #require(try sandbox.rows("SELECT status, message FROM runs WHERE run_id = ?", [runID]).first)
        #expect(row["status"] == "failed")
        #expect((row["message"] as String).hasPrefix("interrupted"))
    }

    /// Every table but the journal of runs and their stages: what "the warehouse as it
    /// was" means for a run.
    private func content(_ sandbox: Sandbox) throws -> String {
        let dump = try sandbox.dump()
        let start = try #require(dump.range(of: "run_stages:\n"))
        let end = dump[start.upperBound...].range(of: "\n[a-z_]+:\n", options: .regularExpression)?.lowerBound ?? dump.endIndex
        return String(dump[..<start.lowerBound] + dump[end...])
    }
}
