import ArgumentParser
import Catalog
import Foundation
import Normalise

struct NormaliseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "normalise",
        abstract: "Put every loaded observation on the communes of one COG vintage; build territories and memberships.",
        discussion: """
            Needs the COG communes and mouvements files of one vintage at least as recent as the \
            target. Each file's own geography is the one its source declares, the one given to \
            `ingest --geography-of-input`, or else inferred from its commune codes (printed). \
            Counts are summed over mergers and shared by population over splits; medians and \
            rates are kept only where the commune is unchanged. Zones come from PIPELINES/zones.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "The target COG vintage, e.g. 2024.")
    var geography: Int

    func validate() throws {
        if !(1943...2100).contains(geography) {
            throw ValidationError("--geography takes a COG year such as 2024, not \(geography).")
        }
    }

    func run() throws {
        let warehouse = try global.openWarehouseForWriting()
        let zones = try ZoneCatalog(directory: global.pipelines + "/zones")
        let job = NormaliseJob(warehouse: warehouse, zones: zones, logger: global.makeLogger())
        let command = (["observatoire"] + CommandLine.arguments.dropFirst()).joined(separator: " ")
        let summary = try job.run(target: geography, command: command)
        global.checkpoint(warehouse)
        NormalisePresenter(console: global.console).present(summary, warehouse: warehouse.path)
    }
}
