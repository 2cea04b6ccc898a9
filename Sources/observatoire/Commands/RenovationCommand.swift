import ArgumentParser
import Cites
import Territories

struct RenovationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "renovation",
        abstract: "Renovation of the cités minières: programme progress.",
        subcommands: [RenovationProgressCommand.self]
    )
}
