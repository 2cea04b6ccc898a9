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
            IndicatorPresenter(console: global.console).present(indicator)
        }
    }
}
