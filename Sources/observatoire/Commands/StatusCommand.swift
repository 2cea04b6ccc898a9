import ArgumentParser
import Compute
import Core
import Foundation
import Ingest
import Logging
import Pipeline
import Reports
import Warehouse

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "The last runs and their stages, and what each source has loaded since when."
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "How many runs to show.")
    var runs = 10

    func run() throws {
        // Reading never creates a warehouse.
        guard global.warehouseExists else {
            print("no warehouse at \(global.warehouse) yet: `observatoire demo`, `observatoire run` or `observatoire ingest` builds one")
            return
        }
        let status = try WarehouseStatus(warehouse: try global.openWarehouse(), runs: runs)
        print("runs (most recent first):")
        for run in status.runs {
            print("  \(run.id)  \(run.status.padding(toLength: 10, withPad: " ", startingAt: 0)) \(run.startedAt)  \(run.command)")
            if let message = run.message { print("      \(message)") }
            for stage in run.stages { print("      \(stage)") }
        }
        print("sources (files currently loaded):")
        for source in status.sources {
            print("  \(source.source.padding(toLength: 42, withPad: " ", startingAt: 0)) vintage \(source.latestVintage), "
                + "\(source.files) file\(source.files == 1 ? "" : "s"), loaded \(source.loadedAt)"
                + (source.rowsRejected > 0 ? ", \(source.rowsRejected) rows rejected" : ""))
        }
        for figures in status.figures {
            let total = figures.statuses.reduce(0) { $0 + $1.values }
            print("figures of geography \(figures.geography): \(total) values: "
                + figures.statuses.map { "\($0.values) \($0.status)" }.joined(separator: ", "))
            print("  partial, insufficient-coverage and small-count values are kept, not published as facts (docs/indicators.md#how-sure-a-figure-is); "
                + "\(figures.partialTerritories) territories have communes missing (v_territory_completeness)")
        }
    }
}
