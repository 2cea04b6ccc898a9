import ArgumentParser
import Compute
import Foundation
import Indicators

struct IndicatorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "indicators",
        abstract: "List the indicators defined under PIPELINES/indicators, or show one.",
        subcommands: [List.self, Show.self, Catalogue.self]
    )
}
