import ArgumentParser
import Compute
import Foundation
import Indicators

extension IndicatorsCommand {
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
}
