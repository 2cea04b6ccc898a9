import ArgumentParser
import Catalog
import Indicators
import Logging
import Warehouse

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "The SQLite warehouse to read and write.")
    var warehouse = "warehouse/observatoire.sqlite"

    @Option(name: .long, help: "The folder of definitions (sources, indicators, reports).")
    var pipelines = "pipelines"

    @Flag(name: .long, help: "Print only warnings and errors.")
    var quiet = false

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

    func makeLogger() -> Logger {
        var logger = Logger(label: "observatoire")
        logger.logLevel = quiet ? .warning : .notice
        return logger
    }
}

/// Exit codes documented in the README.
enum Exit {
    static let usage = ExitCode(2)
    static let rejections = ExitCode(3)
}
