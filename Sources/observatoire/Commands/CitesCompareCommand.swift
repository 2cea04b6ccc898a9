import ArgumentParser
import Cites
import Foundation

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
        let comparison = try CitesComparisonJob(warehouse: try global.openWarehouse(), logger: global.makeLogger()).run(unescoList: unescoList, erbmList: erbmList)
        global.console.show(try format.render(CitesComparisonJob.grid(comparison, issuesOnly: issuesOnly)), terminator: "")
    }
}
