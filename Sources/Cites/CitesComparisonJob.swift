import Core
import Logging
import Output
import Warehouse

/// `cites compare`: the current inventory against every reference list loaded, read only
/// (no run is journaled: nothing is written).
public struct CitesComparisonJob {
    public let warehouse: Warehouse
    public let logger: Logger

    public init(warehouse: Warehouse, logger: Logger) {
        self.warehouse = warehouse
        self.logger = logger
    }

    public func run(unescoList: String = "unesco", erbmList: String = "erbm") throws -> CiteComparison {
        let comparison: CiteComparison = try warehouse.read { db in
            let inventory = try CiteInventory.read(db)
            guard !inventory.cites.isEmpty else {
                throw ObservatoireError(.cites, "no cités inventory is loaded: ingest one (source inventaire-cites-minieres) first")
            }
            let lists = try CiteReferenceList.readAll(db)
            guard let geography = lists.map(\.geography).max() else {
                throw ObservatoireError(.cites, "no reference list is loaded: run `observatoire cites references FILE --list ID --geography YEAR` first")
            }
            let communeNames = Dictionary(try CiteStore.cogCommunes(geography: geography, db).map { ($0.code, $0.name) }) { first, _ in first }
            return CiteComparison(inventory: inventory, lists: lists, communeNames: communeNames, unescoList: unescoList, erbmList: erbmList)
        }
        for summary in comparison.summaries {
            logger.debug("Compared inventory with list", metadata: [
                "list": "\(summary.listID)", "by.identifier": "\(summary.byIdentifier)", "by.name": "\(summary.byName)",
                "not.in.inventory": "\(summary.notInInventory)",
            ])
        }
        logger.info("Compared cités inventory", metadata: [
            "lists": "\(comparison.summaries.count)", "rows": "\(comparison.rows.count)",
            "issues": "\(comparison.rows.map(\.issues.count).reduce(0, +))",
        ])
        return comparison
    }

    /// One row per cité of the inventory and list, then one per cité of a list the inventory
    /// lacks; `issuesOnly` keeps the rows with an issue.
    public static func grid(_ comparison: CiteComparison, issuesOnly: Bool = false) -> CitesReportGrid {
        let header = ["list", "id_cite", "nom", "ref_id", "ref_nom", "match", "issue_kinds", "issues"]
        let rows = comparison.rows.filter { !issuesOnly || !$0.issues.isEmpty }.map { row -> [SheetCell] in
            [.text(row.listID), .text(row.citeID ?? ""), .text(row.nom ?? ""), .text(row.refID ?? ""), .text(row.refName ?? ""),
             .text(row.match.rawValue), .text(row.issues.map(\.kind.rawValue).joined(separator: " ")),
             .text(row.issues.map(\.message).joined(separator: "; "))]
        }
        let issues = comparison.rows.map(\.issues.count).reduce(0, +)
        let notes = comparison.summaries.map { summary in
            "\(summary.listID): \(summary.byIdentifier + summary.byName) cités of the inventory in the list (\(summary.byIdentifier) by identifier, "
                + "\(summary.byName) by name and commune); \(summary.notInInventory) of its \(summary.cites) cités not in the inventory"
        } + ["\(issues) issue\(issues == 1 ? "" : "s") to check"] + comparison.notes
        return CitesReportGrid(header: header, rows: rows, notes: notes)
    }
}
