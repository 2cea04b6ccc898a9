import ArgumentParser
import Cites
import Foundation

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
        let priority = try CitesPriorityJob(warehouse: warehouse, rules: rules, logger: global.makeLogger()).run(budget: budgetDwellings, command: "cites rank")
        global.console.show(try format.render(CitesPriorityJob.grid(priority)), terminator: "")
    }
}
