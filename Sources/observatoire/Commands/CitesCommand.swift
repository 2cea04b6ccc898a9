import ArgumentParser
import Cites
import Foundation

/// The report formats of `cites rank`, `cites compare` and `renovation progress`.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, csv, md, json

    func render(_ grid: CitesReportGrid) throws -> String {
        switch self {
        case .text: grid.text()
        case .csv: grid.csv()
        case .md: grid.markdown()
        case .json: try grid.json()
        }
    }
}

struct CitesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cites",
        abstract: "Cités minières: load the published reference lists, compare the inventory with them, rank its cités by priority.",
        subcommands: [CitesReferencesCommand.self, CitesCompareCommand.self, CitesRankCommand.self]
    )
}
