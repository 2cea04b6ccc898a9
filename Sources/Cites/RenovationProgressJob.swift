import Core
import Logging
import Output
import Territories
import Warehouse

/// `renovation progress`: the progress of every programme of `pipelines/programmes.yaml`
/// on the cités inside a territory (all of them by default), written to
/// `report_renovation_progress` (replacing that territory's rows) in one journaled run.
public struct RenovationProgressJob {
    public let warehouse: Warehouse
    public let targets: ProgrammeTargets
    public let logger: Logger

    public init(warehouse: Warehouse, targets: ProgrammeTargets, logger: Logger) {
        self.warehouse = warehouse
        self.targets = targets
        self.logger = logger
    }

    /// - Parameter within: the territory and its directory; nil for every cité.
    public func run(within: (Territory, TerritoryDirectory)?, command: String) throws -> [RenovationProgress] {
        let scope = within?.0.id ?? "all"
        var cites = 0
        let reports: [RenovationProgress] = try RunJournal.transaction(command: command, in: warehouse, headline: { reports in
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
            cites = inventory.cites.count
            let reports = targets.programmes.map { RenovationProgress(programme: $0, inventory: inventory) }
            try CiteStore.replaceProgress(within: scope, reports.flatMap { report in
                report.rows.map { row in
                    CiteStore.ProgressLine(
                        programme: report.programme.id, breakdown: row.breakdown.rawValue, group: row.group, year: row.year,
                        committed: row.committed, delivered: row.delivered, cumulativeCommitted: row.cumulativeCommitted,
                        cumulativeDelivered: row.cumulativeDelivered, shareCommitted: row.shareCommitted, shareDelivered: row.shareDelivered,
                        costPerDwelling: row.costPerDwelling, classesGained: row.classesGained, shareLeavingEFG: row.shareLeavingEFG,
                        unescoCites: row.unescoCites, unescoTreated: row.unescoTreated, unescoShare: row.unescoShare)
                }
            }, runID: runID, db)
            return reports
        }
        for report in reports {
            logger.debug("Renovation progress of programme", metadata: [
                "programme": "\(report.programme.id)", "within": "\(scope)", "rows": "\(report.rows.count)",
            ])
        }
        logger.info("Measured renovation progress", metadata: [
            "within": "\(scope)", "cites": "\(cites)", "programmes": "\(reports.count)", "rows": "\(reports.map(\.rows.count).reduce(0, +))",
        ])
        return reports
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
