import ArgumentParser
import Compute
import Core
import Foundation
import Ingest
import Logging
import Pipeline
import Reports
import Warehouse

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "The whole pipeline, for cron: ingest the raw folder, normalise, compute — in one transaction.",
        discussion: """
            Files already loaded are not read again; normalise and compute are skipped when \
            their inputs (files, definitions under PIPELINES, target geography) have not changed \
            since the last run (--force redoes them). The run commits only if every stage \
            succeeds: a refused file, a failed stage or a killed process leaves the warehouse \
            as after the previous run. A second writer exits at once with code 75 (or waits \
            with --wait). Log lines go to standard error (--log-format json for JSON lines).
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "Folders or files to ingest.")
    var raw: [String] = ["raw"]

    @Option(name: .long, help: "The target COG vintage; the most recent COG loaded by default.")
    var geography: Int?

    @Flag(name: .long, help: "Redo normalise and compute even if their inputs did not change.")
    var force = false

    @Flag(name: .long, help: "Pad codes that lost their leading zero instead of refusing the file.")
    var repairLeadingZeros = false

    @OptionGroup var history: HistoryOption

    @Flag(name: .long, help: "Exit with 4 when a value breaks a data-quality rule of its indicator (the run is kept).")
    var failOnAlert = false

    func run() throws {
        let logger = global.makeLogger()
        let command = (["observatoire"] + CommandLine.arguments.dropFirst()).joined(separator: " ")
        // The run is one transaction: when it fails, a warehouse this call created holds nothing and goes.
        let (warehouse, summary) = try global.openOrCreateWarehouse { warehouse in
            var job = try global.makePipeline(warehouse)
            job.historyRuns = history.keepHistory
            do {
                return try job.run(raw: raw, geography: geography, force: force,
                                   options: IngestOptions(repairLeadingZeros: repairLeadingZeros, progress: ProgressLine.handler(quiet: global.quiet)), command: command) { outcome in
                    guard outcome.status != .unchanged, outcome.status != .skipped else { return }
                    let level: Logger.Level = outcome.status == .failed ? .error : (outcome.status == .rejections ? .warning : .notice)
                    var metadata: Logger.Metadata = ["source": "\(outcome.sourceID ?? "-")", "rows.loaded": "\(outcome.counts.rowsLoaded)",
                                                     "rows.rejected": "\(outcome.counts.rowsRejected)"]
                    if let message = outcome.message { metadata["message"] = "\(message)" }
                    logger.log(level: level, "\(outcome.status.rawValue) \(outcome.path)\(outcome.sheet.map { " [\($0)]" } ?? "")",
                               metadata: metadata)
                }
            } catch {
                logger.error("run failed: \(error)")
                throw ExitCode.failure
            }
        }
        global.checkpoint(warehouse)
        try DatasetteMetadata.write(for: warehouse)
        for stage in summary.stages {
            logger.notice("\(stage.stage.rawValue): \(stage.status.rawValue)", metadata: [
                "seconds": "\(stage.seconds.map { String(format: "%.2f", $0) } ?? "-")", "detail": "\(stage.message)",
            ])
        }
        // The line cron and monitoring read: what changed, and what looks wrong.
        let changes = summary.compute?.changes
        logger.notice("run \(summary.runID): \(summary.headline)", metadata: [
            "warehouse": "\(warehouse.path)", "run_id": "\(summary.runID)", "values_changed": "\(changes?.total ?? 0)",
            "values_beyond_tolerance": "\(changes?.beyondTolerance ?? 0)", "alerts": "\(summary.compute?.alerts ?? 0)",
        ])
        if summary.status == .rejections { throw ExitCode(.rejections) }
        if failOnAlert, let alerts = summary.compute?.alerts, alerts > 0 { throw ExitCode(.alerts) }
    }
}
