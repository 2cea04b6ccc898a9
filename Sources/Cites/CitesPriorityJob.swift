import Core
import Logging
import Output
import Warehouse

/// `cites rank`: the priority ranking of the cités of the current inventory, written to
/// `report_cites_priority` (replaced at each run) in one journaled run.
public struct CitesPriorityJob {
    public let warehouse: Warehouse
    public let rules: PriorityRules
    public let logger: Logger

    public init(warehouse: Warehouse, rules: PriorityRules, logger: Logger) {
        self.warehouse = warehouse
        self.rules = rules
        self.logger = logger
    }

    public func run(budget: Int?, command: String) throws -> CitePriority {
        let priority: CitePriority = try RunJournal.transaction(command: command, in: warehouse, headline: { priority in
            "\(priority.entries.count) cités ranked" + (priority.budget.map { ", \(priority.entries.filter { $0.selected == true }.count) selected within \($0) dwellings" } ?? "")
        }) { runID, db in
            let inventory = try CiteInventory.read(db)
            guard !inventory.cites.isEmpty else {
                throw ObservatoireError(.cites, "no cités inventory is loaded: ingest one (source inventaire-cites-minieres) first")
            }
            let priority = CitePriority(inventory: inventory, rules: rules, budget: budget)
            try CiteStore.replacePriority(priority.entries.map { entry in
                CiteStore.PriorityLine(
                    rank: entry.rank, cite: entry.cite.id, name: entry.cite.nom, epci: entry.cite.epci, dwellings: entry.cite.logements,
                    socialScore: entry.social, heritageScore: entry.heritage, score: entry.score, classe: entry.classe.rawValue,
                    missing: entry.missing.isEmpty ? nil : entry.missing.joined(separator: "; "),
                    selected: entry.selected, cumulativeDwellings: entry.cumulativeDwellings)
            }, runID: runID, db)
            return priority
        }
        for entry in priority.entries where !entry.missing.isEmpty {
            logger.debug("Cité scored without some criteria", metadata: [
                "cite": "\(entry.cite.id)", "rank": "\(entry.rank)", "missing": "\(entry.missing.joined(separator: "; "))",
            ])
        }
        logger.info("Ranked cités", metadata: [
            "cites": "\(priority.entries.count)", "budget": "\(priority.budget.map(String.init) ?? "none")",
            "selected": "\(priority.entries.filter { $0.selected == true }.count)",
        ])
        return priority
    }

    public static func grid(_ priority: CitePriority) -> CitesReportGrid {
        var header = ["rank", "id_cite", "nom", "epci", "logements", "score_social", "score_patrimonial", "score", "classe", "manquants"]
        if priority.budget != nil { header += ["selection", "cumul_logements"] }
        let rows = priority.entries.map { entry -> [SheetCell] in
            var row: [SheetCell] = [
                .number(Double(entry.rank)), .text(entry.cite.id), .text(entry.cite.nom), .text(entry.cite.epci ?? ""),
                .optional(entry.cite.logements.map(Double.init)), .optional(entry.social), .optional(entry.heritage),
                .optional(entry.score), .text(entry.classe.rawValue), .text(entry.missing.joined(separator: "; ")),
            ]
            if let selected = entry.selected {
                row += [.text(selected ? "oui" : "non"), .optional(entry.cumulativeDwellings.map(Double.init))]
            }
            return row
        }
        var notes = ["– : score missing (a criterion of that part is missing for the cité: see manquants), never 0"]
        if let budget = priority.budget {
            let used = priority.entries.last?.cumulativeDwellings ?? 0
            notes.append("budget \(budget) dwellings: \(priority.entries.filter { $0.selected == true }.count) cités selected, \(used) dwellings")
        }
        return CitesReportGrid(header: header, rows: rows, notes: notes)
    }
}
