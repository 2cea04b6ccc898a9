import ArgumentParser
import Compute
import Foundation
import Indicators

struct ReconcileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "Compare the values sources publish above the commune with those derived from their communes.",
        discussion: """
            Where a loaded source publishes an indicator for an EPCI, a département or a région, \
            that value wins; `compute` keeps the value derived from the communes beside it. This \
            lists, per indicator, how many published values were compared and how many differ, \
            then the largest gaps (all of them are in the view v_reconciliation).
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "Indicator ids, comma-separated; every indicator by default.")
    var indicators: String?

    @Option(name: .long, help: "The geography; the most recent computed one by default.")
    var geography: Int?

    @Option(name: .long, help: "Relative gap (0.001 = 0.1 %) below which values agree.")
    var tolerance = 0.0

    @Option(name: .long, help: "Gaps to list, largest first.")
    var limit = 20

    func run() throws {
        let ids = indicators?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let report = try Reconciliation(warehouse: try global.openWarehouse(), geography: geography, indicators: ids, tolerance: tolerance)
        ReconciliationPresenter(console: global.console).present(report, limit: limit)
    }
}
