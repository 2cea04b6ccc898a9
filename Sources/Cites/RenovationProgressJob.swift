import Core
import GRDB
import Output
import Territories
import Warehouse

/// `renovation progress`: the progress of every programme of `pipelines/programmes.yaml`
/// on the cités inside a territory (all of them by default), written to
/// `report_renovation_progress` (replacing that territory's rows) in one journaled run.
public struct RenovationProgressJob {
    public let warehouse: Warehouse
    public let targets: ProgrammeTargets

    public init(warehouse: Warehouse, targets: ProgrammeTargets) {
        self.warehouse = warehouse
        self.targets = targets
    }

    /// - Parameter within: the territory and its directory; nil for every cité.
    public func run(within: (Territory, TerritoryDirectory)?, command: String) throws -> [RenovationProgress] {
        let scope = within?.0.id ?? "all"
        return try RunJournal.transaction(command: command, in: warehouse, headline: { reports in
            "renovation progress of \(reports.map(\.programme.id).joined(separator: ", ")) (\(scope))"
        }) { runID, db in
            var inventory = try CiteInventory.read(db)
            guard !inventory.cites.isEmpty else {
                throw ObservatoireError(.cites, "no cités inventory is loaded: ingest one (source inventaire-cites-minieres) first")
            }
            if let (territory, directory) = within {
                let communes = try directory.communeIDs(of: territory, db).map { String($0.split(separator: ":").last ?? "") }
                inventory = inventory.restricted(to: Set(communes))
            }
            let reports = targets.programmes.map { RenovationProgress(programme: $0, inventory: inventory) }
            try db.execute(sql: "DELETE FROM report_renovation_progress WHERE within = ?", arguments: [scope])
            let insert = try db.makeStatement(sql: """
                INSERT INTO report_renovation_progress (programme, within, breakdown, group_code, year, logements_engages,
                    logements_livres, cumul_engages, cumul_livres, part_objectif_engages, part_objectif_livres, cout_par_logement,
                    classes_gagnees, part_sortie_efg, cites_unesco, cites_unesco_traitees, part_unesco_traitees, run_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for report in reports {
                for row in report.rows {
                    try insert.execute(arguments: [
                        report.programme.id, scope, row.breakdown.rawValue, row.group, row.year, row.committed, row.delivered,
                        row.cumulativeCommitted, row.cumulativeDelivered, row.shareCommitted, row.shareDelivered,
                        row.costPerDwelling, row.classesGained, row.shareLeavingEFG, row.unescoCites, row.unescoTreated,
                        row.unescoShare, runID,
                    ])
                }
            }
            return reports
        }
    }

    /// One line per programme × breakdown × year, the whole period last in each group.
    public static func grid(_ reports: [RenovationProgress]) -> CitesReportGrid {
        let header = ["programme", "breakdown", "group", "year", "committed", "delivered", "cumul_committed", "cumul_delivered",
                      "pct_target_committed", "pct_target_delivered", "cost_per_dwelling", "classes_gained", "pct_leaving_efg",
                      "unesco_cites", "unesco_treated", "pct_unesco_treated"]
        let rows = reports.flatMap { report in
            report.rows.map { row -> [SheetCell] in
                [.text(report.programme.id), .text(row.breakdown.rawValue), .text(row.group), row.year.map { .text(String($0)) } ?? .text("all"),
                 .number(row.committed), .number(row.delivered), .number(row.cumulativeCommitted), .number(row.cumulativeDelivered),
                 .optional(row.shareCommitted), .optional(row.shareDelivered), .optional(row.costPerDwelling),
                 .optional(row.classesGained), .optional(row.shareLeavingEFG), .optional(row.unescoCites.map(Double.init)),
                 .optional(row.unescoTreated.map(Double.init)), .optional(row.unescoShare)]
            }
        }
        let notes = reports.map { "\($0.programme.id): target \($0.programme.target) dwellings, \($0.programme.start)–\($0.programme.end); "
            + "an owner's figures share each operation by the owner's dwellings in the cité; – : not known" }
        return CitesReportGrid(header: header, rows: rows, notes: notes)
    }
}
