import ArgumentParser
import Compute
import Foundation
import Indicators

extension IndicatorsCommand {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One line per indicator: id, label, theme, unit, source.")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            IndicatorPresenter(console: global.console).list(try global.loadIndicators().indicators)
        }
    }
}
