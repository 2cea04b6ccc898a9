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
        guard try global.warehouseExists() else {
            global.console.show("no warehouse at \(global.warehouse) yet: `observatoire demo`, `observatoire run` or `observatoire ingest` builds one")
            return
        }
        StatusPresenter(console: global.console).present(try WarehouseStatus(warehouse: try global.openWarehouse(), runs: runs))
    }
}
