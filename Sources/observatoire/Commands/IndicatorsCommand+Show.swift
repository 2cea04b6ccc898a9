import ArgumentParser
import Compute
import Foundation
import Indicators

extension IndicatorsCommand {
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
