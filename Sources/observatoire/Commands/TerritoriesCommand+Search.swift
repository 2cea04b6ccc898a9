import ArgumentParser
import Foundation
import Territories

extension TerritoriesCommand {
    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List territories whose name holds every word of the query (accents and case ignored).")

        @OptionGroup var options: Options

        @Option(name: .long, help: "Most results to list.")
        var limit = 25

        @Argument(help: "Words of the name, e.g. \"lens lievin\".")
        var query: [String]

        func validate() throws {
            if query.isEmpty { throw ValidationError("Give words to search for, e.g. `observatoire territories search lens lievin`.") }
        }

        func run() throws {
            let found = try options.directory().search(query.joined(separator: " "), limit: limit)
            if found.isEmpty {
                options.global.console.warn("no territory matches '\(query.joined(separator: " "))'")
                throw ExitCode.failure
            }
            TerritoryPresenter(console: options.global.console).present(found: found)
        }
    }
}
