import ArgumentParser
import Foundation
import Territories

extension TerritoriesCommand {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Describe a territory: parents, members, population in each populations légales release.",
            discussion: """
                TERRITORY is a code (62498), a prefixed code (COM:62498, EPCI:246200364, DEP:62, REG:32, FR, \
                ZONE:bassin-minier) or a name; an ambiguous name lists the candidates.
                """)

        @OptionGroup var options: Options

        @Option(name: .long, help: "For an EPCI: its members as published for 1 January of this year, against today's perimeter.")
        var asOf: Int?

        @Flag(name: .long, help: "List every member, however many.")
        var all = false

        @Argument(help: "The territory.")
        var territory: String

        func run() throws {
            let directory = try options.directory()
            let found = try directory.resolve(territory)
            if asOf != nil && found.level != "EPCI" { throw ValidationError("--as-of applies to an EPCI, not to \(found.id).") }
            let presenter = TerritoryPresenter(console: options.global.console)
            presenter.present(found, profile: try directory.profile(of: found), allMembers: all)
            if let asOf { presenter.present(try directory.epciHistory(of: found, vintage: asOf)) }
        }
    }
}
