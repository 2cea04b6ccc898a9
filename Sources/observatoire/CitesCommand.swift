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

struct CitesCompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare the inventory of cités with the reference lists loaded by `cites references`: who is in which list, and what disagrees.",
        discussion: """
            A cité is matched by the identifier its inventory row gives in that list (column references, unesco:15D), else by its \
            folded name and a commune in common. Flags: unesco (the inventory's unesco column against the UNESCO list), communes, \
            owners, erbm (ERBM operations on a cité the ERBM list lacks), identifier, ambiguous, namesake, unresolved. Reads only.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "text, csv, md or json.")
    var format: ReportFormat = .text

    @Option(name: .customLong("unesco-list"), help: "The id under which the UNESCO list was loaded.")
    var unescoList = "unesco"

    @Option(name: .customLong("erbm-list"), help: "The id under which the ERBM list was loaded.")
    var erbmList = "erbm"

    @Flag(name: .customLong("issues-only"), help: "Only the rows with something to check (not the list's cités the inventory lacks, unless flagged).")
    var issuesOnly = false

    func run() throws {
        let comparison = try CitesComparisonJob(warehouse: try global.openWarehouse()).run(unescoList: unescoList, erbmList: erbmList)
        print(try format.render(CitesComparisonJob.grid(comparison, issuesOnly: issuesOnly)), terminator: "")
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

    @Option(name: .long, help: "text, csv, md or json.")
    var format: ReportFormat = .text

    func validate() throws {
        if let budgetDwellings, budgetDwellings < 0 { throw ValidationError("--budget-dwellings must be a number of dwellings, 0 or more.") }
    }

    func run() throws {
        let warehouse = try global.openWarehouseForWriting()
        let rules = try PriorityRules(path: global.pipelines + "/cites-priorite.yaml")
        let priority = try CitesPriorityJob(warehouse: warehouse, rules: rules).run(budget: budgetDwellings, command: "cites rank")
        print(try format.render(CitesPriorityJob.grid(priority)), terminator: "")
    }
}
