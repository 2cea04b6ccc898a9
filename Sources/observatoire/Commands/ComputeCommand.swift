import ArgumentParser
import Compute
import Foundation
import Indicators

struct ComputeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compute",
        abstract: "Compute every indicator of PIPELINES/indicators on every territory of a normalised geography.",
        discussion: """
            Counts are summed and ratios recomputed from summed components; medians and published \
            rates are kept where published, and estimated above the commune only where the \
            indicator declares an estimate, with its coverage.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "The geography to compute on; the most recent normalised one by default.")
    var geography: Int?

    @OptionGroup var history: HistoryOption

    func run() throws {
        let warehouse = try global.openWarehouseForWriting()
        let catalog = try global.loadIndicators()
        let command = (["observatoire"] + CommandLine.arguments.dropFirst()).joined(separator: " ")
        let summary = try ComputeJob(warehouse: warehouse, catalog: catalog, knownIssues: try global.loadKnownIssues(),
                                     historyRuns: history.keepHistory, logger: global.makeLogger()).run(geography: geography, command: command)
        global.checkpoint(warehouse)
        ComputePresenter(console: global.console).present(summary, warehouse: warehouse.path)
    }
}
