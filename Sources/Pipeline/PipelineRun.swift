import Catalog
import Compute
import Core
import Foundation
import GRDB
import Indicators
import Ingest
import Logging
import Normalise
import Warehouse

/// `observatoire run`: ingest → normalise → compute, for cron. The whole run is one
/// write transaction: it commits when every stage has succeeded, and a refused file, a
/// failed stage or a killed process leaves the warehouse exactly as after the previous
/// run. Stages whose inputs did not change since their last run are skipped.
public struct PipelineRun {
    public let warehouse: Warehouse
    public let catalog: SourceCatalog
    public let zones: ZoneCatalog
    public let indicators: IndicatorCatalog
    public let knownIssues: KnownIssueRegister
    /// The `pipelines/` folder, whose definitions the stages' fingerprints cover.
    public let pipelines: String
    public let logger: Logger
    /// How many computes keep the values they replaced (see `ComputeJob.historyRuns`).
    public var historyRuns = ComputeJob.defaultHistoryRuns

    public init(warehouse: Warehouse, catalog: SourceCatalog, zones: ZoneCatalog, indicators: IndicatorCatalog,
                knownIssues: KnownIssueRegister, pipelines: String, logger: Logger) {
        self.warehouse = warehouse
        self.catalog = catalog
        self.zones = zones
        self.indicators = indicators
        self.knownIssues = knownIssues
        self.pipelines = pipelines
        self.logger = logger
    }

    /// - Parameters:
    ///   - raw: files or folders to ingest.
    ///   - geography: the target COG; the most recent loaded one by default.
    ///   - force: redo every stage even if its inputs did not change.
    public func run(raw: [String], geography requested: Int?, force: Bool, options: IngestOptions = IngestOptions(),
                    command: String, progress: (FileOutcome) -> Void = { _ in }) throws -> PipelineSummary {
        let runID = try RunJournal.start(command: command, in: warehouse)
        var summary = PipelineSummary(runID: runID)
        do {
            try warehouse.write { db in
                try stages(raw: raw, geography: requested, force: force, options: options, summary: &summary, progress: progress, db)
                for stage in summary.stages { try stage.record(runID: runID, db) }
            }
            try RunJournal.finish(runID: runID, status: summary.status, message: summary.headline, in: warehouse)
            return summary
        } catch {
            try? RunJournal.finish(runID: runID, status: .failed, message: "\(error)", in: warehouse)
            try? warehouse.write { db in
                for stage in summary.stages { try stage.record(runID: runID, db) }
            }
            throw error
        }
    }

    private func stages(raw: [String], geography requested: Int?, force: Bool, options: IngestOptions, summary: inout PipelineSummary,
                        progress: (FileOutcome) -> Void, _ db: Database) throws {
        let clock = ContinuousClock()
        var started = clock.now
        let ingest = try IngestJob(catalog: catalog, warehouse: warehouse, logger: logger)
            .ingest(paths: raw, options: options, runID: summary.runID, scope: .transaction(db), progress: progress)
        summary.ingest = ingest
        var stage = StageReport(stage: .ingest, status: .done, seconds: (clock.now - started).seconds, rows: ingest.rowsLoaded,
                                warnings: ingest.count(.rejections), message: ingest.headline)
        let refused = ingest.outcomes.filter { $0.status == .failed }
        guard refused.isEmpty else {
            stage.status = .failed
            stage.message = "\(refused.count) file(s) refused, first \(refused[0].path): \(refused[0].message ?? "")"
            summary.stages.append(stage)
            throw ObservatoireError(.pipeline, "\(stage.message); the run was rolled back, the warehouse is as after the previous run")
        }
        summary.stages.append(stage)

        guard let geography = try requested ?? NormaliseJob.latestGeography(db) else {
            throw ObservatoireError(.pipeline, "no COG communes and mouvements files of one vintage are loaded: put them under the raw folder (e.g. raw/cog/2024/)")
        }
        summary.geography = geography
        started = clock.now
        let normaliseFingerprint = try StageFingerprint.normalise(geography: geography, sourcesDirectory: catalog.directory,
                                                                     zonesDirectory: zones.directory, db)
        if !force, try lastFingerprint(.normalise, geography: geography, db) == normaliseFingerprint,
           try TerritoryStore(geography: geography).exists(db) {
            summary.stages.append(StageReport(stage: .normalise, status: .skipped, geography: geography, fingerprint: normaliseFingerprint,
                                              message: "inputs unchanged since the last run"))
        } else {
            let result = try NormaliseJob(warehouse: warehouse, zones: zones, logger: logger).run(target: geography, runID: summary.runID, in: db)
            summary.normalise = result
            summary.stages.append(StageReport(stage: .normalise, status: .done, geography: geography, fingerprint: normaliseFingerprint,
                                              seconds: (clock.now - started).seconds, rows: result.files.reduce(0) { $0 + $1.counts.written },
                                              warnings: result.files.filter { $0.counts.unmappedCodes > 0 }.count + result.zoneNotes.count,
                                              message: result.headline))
        }

        started = clock.now
        let computeFingerprint = try StageFingerprint.compute(normalise: normaliseFingerprint, indicatorsDirectory: indicators.directory,
                                                              knownIssues: knownIssues.path)
        if !force, summary.stages.last?.status == .skipped, try lastFingerprint(.compute, geography: geography, db) == computeFingerprint {
            summary.stages.append(StageReport(stage: .compute, status: .skipped, geography: geography, fingerprint: computeFingerprint,
                                              message: "inputs unchanged since the last run"))
        } else {
            let result = try ComputeJob(warehouse: warehouse, catalog: indicators, knownIssues: knownIssues, historyRuns: historyRuns, logger: logger)
                .run(geography: geography, runID: summary.runID, in: db)
            summary.compute = result
            summary.stages.append(StageReport(stage: .compute, status: .done, geography: geography, fingerprint: computeFingerprint,
                                              seconds: (clock.now - started).seconds, rows: result.values, message: result.headline))
        }
        if summary.stages.contains(where: { $0.stage != .ingest && $0.status == .done }) {
            try RunJournal.refreshStatistics(db)
        }
    }

    /// The fingerprint of a stage's last successful run on this geography.
    private func lastFingerprint(_ stage: StageReport.Stage, geography: Int, _ db: Database) throws -> String? {
        try StageJournal.lastFingerprint(stage: stage.rawValue, geography: geography, db)
    }
}
