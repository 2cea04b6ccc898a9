import ArgumentParser
import Cites
import Territories

struct RenovationProgressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "progress",
        abstract: "Dwellings committed and delivered per year against each target of pipelines/programmes.yaml, in total, by EPCI and by owner.",
        discussion: "Also the cost per dwelling, the energy-label gain and the share of UNESCO cités treated. Written to report_renovation_progress."
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "Only the cités with a commune in this territory (code or name; needs `normalise`).")
    var within: String?

    @Option(name: .long, help: "text, csv, md or json.")
    var format: ReportFormat = .text

    func run() throws {
        let warehouse = try global.openWarehouseForWriting()
        let targets = try ProgrammeTargets(path: global.pipelines + "/programmes.yaml")
        let scope = try within.map { argument in
            let directory = try TerritoryDirectory(warehouse: warehouse, geography: nil)
            return (try directory.resolve(argument), directory)
        }
        let reports = try RenovationProgressJob(warehouse: warehouse, targets: targets, logger: global.makeLogger())
            .run(within: scope, command: "renovation progress\(within.map { " --within \($0)" } ?? "")")
        global.console.show(try format.render(RenovationProgressJob.grid(reports)), terminator: "")
    }
}
