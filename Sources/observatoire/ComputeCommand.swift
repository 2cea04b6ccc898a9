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
        guard !global.quiet else { return }
        for (id, matched) in summary.knownIssues {
            print("known issue \(id): " + (matched.map { "\($0) observations concerned" } ?? "source not loaded"))
        }
        for report in summary.indicators {
            let periods = report.periods.isEmpty ? report.notComputedReason : report.periods.joined(separator: ", ")
            print(report.id.padding(toLength: max(36, report.id.count + 2), withPad: " ", startingAt: 0) + "\(periods)"
                + (report.values > 0 ? "  \(report.values) values, \(report.withheld) not ok" : ""))
        }
        print("run \(summary.runID): \(summary.headline) → \(warehouse.path)")
    }
}

struct IndicatorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "indicators",
        abstract: "List the indicators defined under PIPELINES/indicators, or show one.",
        subcommands: [List.self, Show.self, Catalogue.self]
    )

    struct Catalogue: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the catalogue of every indicator as Markdown (docs/indicators.md).")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            print(try global.loadIndicators().markdown(), terminator: "")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One line per indicator: id, label, theme, unit, source.")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            for indicator in try global.loadIndicators().indicators {
                let sources = indicator.sources?.joined(separator: ", ") ?? indicator.variables.joined(separator: ", ")
                print([indicator.id, indicator.label, indicator.theme ?? "", indicator.unit, sources].joined(separator: "\t"))
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The definition of one indicator: formula, components, notes.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The indicator id, e.g. taux_pauvrete.") var id: String

        func run() throws {
            let indicator = try global.loadIndicators().indicator(id: id)
            print("\(indicator.id) — \(indicator.label)")
            print("  theme: \(indicator.theme ?? "-")   unit: \(indicator.unit)   aggregation: \(indicator.aggregation.rawValue)")
            print("  formula: \(indicator.formula)")
            print("  variables: \(indicator.variables.joined(separator: ", "))   ({yy}: two-digit census year)")
            if let sources = indicator.sources { print("  sources: \(sources.joined(separator: ", "))") }
            print("  minimum coverage above the commune: \(indicator.minCoverage ?? 0.9)")
            if let notes = indicator.notes { print("  notes: \(notes)") }
        }
    }
}

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
