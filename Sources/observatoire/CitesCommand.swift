import ArgumentParser
import Cites
import Foundation

/// The report formats of `cites rank` and `renovation progress`.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, csv

    func render(_ grid: CitesReportGrid) -> String {
        switch self {
        case .text: grid.text()
        case .csv: grid.csv()
        }
    }
}

struct CitesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cites",
        abstract: "Cités minières: load the published reference lists, rank the cités of the inventory by priority.",
        subcommands: [CitesReferencesCommand.self, CitesRankCommand.self]
    )
}

struct CitesReferencesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "references",
        abstract: "Load a GeoJSON list of cités (UNESCO, ERBM) into cite_references, matching commune names to codes.",
        discussion: "Names are matched without accents or case; those that match no commune, or several, are listed with the reason."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The GeoJSON file (e.g. cites-unesco-124.geojson).")
    var path: String

    @Option(name: .long, help: "The list's id in cite_references (e.g. unesco, erbm).")
    var list: String

    @Option(name: .long, help: "The COG vintage whose communes the names are matched to (its communes.csv must be loaded).")
    var geography: Int

    @Option(name: .long, parsing: .upToNextOption, help: "Look for the names in these départements only (e.g. 59 62).")
    var departements: [String] = []

    func run() throws {
        let warehouse = try global.openWarehouseForWriting()
        let summary = try CiteReferenceLoader(warehouse: warehouse).load(
            path: path, listID: list, geography: geography, departements: Set(departements), command: "cites references \(list)")
        print("\(summary.cites) cités of \(summary.listID) (COG \(summary.geography)): \(summary.unmatched.count) commune names unmatched")
        for unmatched in summary.unmatched {
            print("  \(unmatched.refID ?? "-")  \(unmatched.cite): \(unmatched.reason)")
        }
    }
}

struct CitesRankCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rank",
        abstract: "Rank the cités of the inventory by social and heritage stakes (pipelines/cites-priorite.yaml); written to report_cites_priority."
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .customLong("budget-dwellings"), help: "Select cités in rank order while their dwellings fit in this budget.")
    var budgetDwellings: Int?

    @Option(name: .long, help: "text or csv.")
    var format: ReportFormat = .text

    func validate() throws {
        if let budgetDwellings, budgetDwellings < 0 { throw ValidationError("--budget-dwellings must be a number of dwellings, 0 or more.") }
    }

    func run() throws {
        let warehouse = try global.openWarehouseForWriting()
        let rules = try PriorityRules(path: global.pipelines + "/cites-priorite.yaml")
        let priority = try CitesPriorityJob(warehouse: warehouse, rules: rules).run(budget: budgetDwellings, command: "cites rank")
        print(format.render(CitesPriorityJob.grid(priority)), terminator: "")
    }
}
