import ArgumentParser
import Catalog
import Indicators
import Logging
import Pipeline
import Warehouse

extension LineLogHandler.Format: ExpressibleByArgument {}

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "The SQLite warehouse to read and write.")
    var warehouse = "warehouse/observatoire.sqlite"

    @Option(name: .long, help: "The folder of definitions (sources, indicators, reports).")
    var pipelines = "pipelines"

    @Flag(name: .long, help: "Print only warnings and errors.")
    var quiet = false

    @Option(name: .long, help: "Log lines on standard error: text or json (one JSON object per line).")
    var logFormat: LineLogHandler.Format = .text

    @Option(name: .long, help: "A writing command waits up to this many seconds for another writer to finish (exit 75 otherwise).")
    var wait: Double = 0

    func loadCatalog() throws -> SourceCatalog {
        try SourceCatalog(directory: pipelines + "/sources")
    }

    func loadIndicators() throws -> IndicatorCatalog {
        try IndicatorCatalog(directory: pipelines + "/indicators")
    }

    func loadKnownIssues() throws -> KnownIssueRegister {
        try KnownIssueRegister(path: pipelines + "/known-issues.yaml")
    }

    func openWarehouse() throws -> Warehouse {
        try Warehouse(path: warehouse)
    }

    /// Opens the warehouse for a command that writes, holding the writer lock (see `Warehouse.openForWriting`).
    func openWarehouseForWriting() throws -> Warehouse {
        try Warehouse.openForWriting(path: warehouse, wait: wait)
    }

    /// The pipeline of `run` and `demo`, with the definitions under `--pipelines`.
    func makePipeline(_ warehouse: Warehouse) throws -> PipelineRun {
        PipelineRun(warehouse: warehouse, catalog: try loadCatalog(), zones: try ZoneCatalog(directory: pipelines + "/zones"),
                    indicators: try loadIndicators(), knownIssues: try loadKnownIssues(), pipelines: pipelines, logger: makeLogger())
    }

    /// Merges the warehouse's write-ahead log once a command's work is committed. Failing
    /// then loses nothing (see `Warehouse.checkpoint`): a warning, not the command's failure.
    func checkpoint(_ warehouse: Warehouse) {
        do {
            try warehouse.checkpoint()
        } catch {
            makeLogger().warning("\(error)")
        }
    }

    func makeLogger() -> Logger {
        let format = logFormat
        let level: Logger.Level = quiet ? .warning : .notice
        return Logger(label: "observatoire") { label in LineLogHandler(label: label, format: format, level: level) }
    }
}

/// Exit codes documented in the README.
enum Exit {
    static let usage = ExitCode(2)
    static let rejections = ExitCode(3)
    /// Another process holds the warehouse's writer lock (EX_TEMPFAIL: try again later).
    static let locked = ExitCode(75)
}
