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

    func run() throws {
        let warehouse = try global.openWarehouse()
        let catalog = try global.loadIndicators()
        let command = (["observatoire"] + CommandLine.arguments.dropFirst()).joined(separator: " ")
        let summary = try ComputeJob(warehouse: warehouse, catalog: catalog, logger: global.makeLogger()).run(geography: geography, command: command)
        try warehouse.checkpoint()
        guard !global.quiet else { return }
        for report in summary.indicators {
            let periods = report.periods.isEmpty ? "no data loaded" : report.periods.joined(separator: ", ")
            print(report.id.padding(toLength: 36, withPad: " ", startingAt: 0) + "\(periods)"
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
