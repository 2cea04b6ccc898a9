import ArgumentParser
import Cites
import Foundation

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
        let summary = try CiteReferenceLoader(warehouse: warehouse, logger: global.makeLogger()).load(
            path: path, listID: list, geography: geography, departements: Set(departements), command: "cites references \(list)")
        global.console.show("\(summary.cites) cités of \(summary.listID) (COG \(summary.geography)): \(summary.unmatched.count) commune names unmatched")
        if let reason = summary.shapesNotRead {
            global.console.warn("warning: the outlines of \(summary.listID) were not kept (its names and communes are): \(reason)")
        }
        for unmatched in summary.unmatched {
            global.console.show("  \(unmatched.refID ?? "-")  \(unmatched.cite): \(unmatched.reason)")
        }
    }
}
