import Compute
import Foundation

/// What `compute` did: the known issues applied, each indicator's periods or why it has
/// none, and the run's headline.
struct ComputePresenter {
    let console: Console

    func present(_ summary: ComputeSummary, warehouse: String) {
        for (id, matched) in summary.knownIssues {
            console.say("known issue \(id): " + (matched.map { "\($0) observations concerned" } ?? "source not loaded"))
        }
        for report in summary.indicators {
            let periods = report.periods.isEmpty ? report.notComputedReason : report.periods.joined(separator: ", ")
            console.say(report.id.padding(toLength: max(36, report.id.count + 2), withPad: " ", startingAt: 0) + "\(periods)"
                + (report.values > 0 ? "  \(report.values) values, \(report.withheld) not ok" : ""))
        }
        console.say("run \(summary.runID): \(summary.headline) → \(warehouse)")
    }
}
