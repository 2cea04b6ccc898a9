import Compute
import Foundation
import Indicators

/// `reconcile`: per indicator, how many published values above the commune differ from
/// those derived from their communes, then the largest gaps.
struct ReconciliationPresenter {
    let console: Console

    func present(_ report: Reconciliation, limit: Int) {
        guard !report.summaries.isEmpty else {
            console.show("geography \(report.geography): no published value above the commune to compare")
            return
        }
        console.show("geography \(report.geography): published values above the commune against the values derived from their communes")
        for summary in report.summaries {
            let largest = summary.largestRelativeGap.map { String(format: ", largest gap %.3f %%", $0 * 100) } ?? ""
            console.show("  \(summary.indicator): \(summary.compared) compared, \(summary.differing) differ\(largest)")
        }
        for gap in report.gaps.prefix(limit) {
            let relative = gap.relativeGap.map { String(format: " (%+.3f %%)", $0 * 100) } ?? ""
            console.show("  \(gap.indicator) \(gap.territory) \(gap.name) \(gap.period): published \(IndicatorDefinition.format(gap.published)), "
                + "derived \(IndicatorDefinition.format(gap.derived)) \(gap.unit)\(relative)")
        }
    }
}
