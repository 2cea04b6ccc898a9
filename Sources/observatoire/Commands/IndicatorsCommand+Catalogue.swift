import ArgumentParser
import Compute
import Foundation
import Indicators

extension IndicatorsCommand {
    struct Catalogue: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the catalogue of every indicator as Markdown (docs/indicators.md).")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            global.console.show(try global.loadIndicators().markdown(), terminator: "")
        }
    }
}
