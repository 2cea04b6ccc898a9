import ArgumentParser
import Foundation
import Territories

struct TerritoriesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "territories",
        abstract: "Find territories by name or code and describe them (after `normalise`).",
        subcommands: [Search.self, Show.self]
    )

    /// Options of both subcommands.
    struct Options: ParsableArguments {
        @OptionGroup var global: GlobalOptions

        @Option(name: .long, help: "The geography (COG vintage) to look in; the most recent normalised one by default.")
        var geography: Int?

        func directory() throws -> TerritoryDirectory {
            try TerritoryDirectory(warehouse: global.openWarehouse(), geography: geography)
        }
    }
}
