import ArgumentParser
import Core
import Foundation
import Ingest

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Load published extracts (files or folders) into the warehouse.",
        discussion: """
            Each file is recognised from its header using the definitions in PIPELINES/sources, \
            and loaded in one transaction: completely or not at all. A file already loaded \
            (same SHA-256) is skipped; a changed file of the same source, vintage and name \
            replaces its previous load.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "Read every file as this source instead of recognising it.")
    var source: String?

    @Option(name: .long, help: "Vintage of the files (e.g. 2024) when it cannot be read from the path.")
    var vintage: String?

    @Flag(name: .long, help: "Pad codes that lost their leading zero (1001 → 01001) instead of refusing the file; the repair is recorded.")
    var repairLeadingZeros = false

    @Flag(name: .long, help: "Energy-diagnostics files: also keep one row per diagnostic (table diagnostics), not only the counts per commune and year.")
    var keepRows = false

    @Option(name: .long, help: "COG vintage of the files' commune codes (e.g. 2019), when the source does not declare it; otherwise `normalise` infers it from the codes.")
    var geographyOfInput: Int?

    @Argument(help: "Files or folders to ingest.")
    var paths: [String]

    func validate() throws {
        if paths.isEmpty {
            throw ValidationError("Name at least one file or folder to ingest, e.g. `observatoire ingest raw/`.")
        }
        if let vintage, vintage.range(of: "^[0-9]{4}$", options: .regularExpression) == nil {
            throw ValidationError("--vintage takes a year such as 2024, not '\(vintage)'.")
        }
        if let geographyOfInput, !(1943...2100).contains(geographyOfInput) {
            throw ValidationError("--geography-of-input takes a COG year such as 2019, not \(geographyOfInput).")
        }
    }

    func run() throws {
        let catalog = try global.loadCatalog()
        let options = IngestOptions(sourceID: source, vintage: vintage, repairLeadingZeros: repairLeadingZeros,
                                    geographyOfInput: geographyOfInput, progress: ProgressLine.handler(quiet: global.quiet), keepRows: keepRows)
        let presenter = IngestPresenter(console: global.console)
        let command = (["observatoire"] + CommandLine.arguments.dropFirst()).joined(separator: " ")
        let (warehouse, summary) = try global.openOrCreateWarehouse { warehouse in
            let job = IngestJob(catalog: catalog, warehouse: warehouse, logger: global.makeLogger())
            let summary = try job.run(paths: paths, options: options, command: command, progress: presenter.present)
            // Every file refused and none loaded: a failure, and a warehouse this call created holds nothing and goes.
            if summary.runStatus == .failed && summary.count(.loaded) + summary.count(.rejections) + summary.count(.unchanged) == 0 {
                global.checkpoint(warehouse)
                presenter.present(summary, warehouse: warehouse.path)
                throw ExitCode.failure
            }
            return summary
        }
        global.checkpoint(warehouse)
        presenter.present(summary, warehouse: warehouse.path)
        switch summary.runStatus {
        case .failed: throw ExitCode.failure
        case .rejections: throw ExitCode(.rejections)
        case .succeeded, .running: return
        }
    }
}
