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
        guard !report.summaries.isEmpty else {
            print("geography \(report.geography): no published value above the commune to compare")
            return
        }
        print("geography \(report.geography): published values above the commune against the values derived from their communes")
        for summary in report.summaries {
            let largest = summary.largestRelativeGap.map { String(format: ", largest gap %.3f %%", $0 * 100) } ?? ""
            print("  \(summary.indicator): \(summary.compared) compared, \(summary.differing) differ\(largest)")
        }
        for gap in report.gaps.prefix(limit) {
            let relative = gap.relativeGap.map { String(format: " (%+.3f %%)", $0 * 100) } ?? ""
            print("  \(gap.indicator) \(gap.territory) \(gap.name) \(gap.period): published \(IndicatorDefinition.format(gap.published)), "
                + "derived \(IndicatorDefinition.format(gap.derived)) \(gap.unit)\(relative)")
        }
    }
}
