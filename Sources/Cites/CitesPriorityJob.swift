import Core
import GRDB
import Output
import Warehouse

/// `cites rank`: the priority ranking of the cités of the current inventory, written to
/// `report_cites_priority` (replaced at each run) in one journaled run.
public struct CitesPriorityJob {
    public let warehouse: Warehouse
    public let rules: PriorityRules

    public init(warehouse: Warehouse, rules: PriorityRules) {
        self.warehouse = warehouse
        self.rules = rules
    }

    public func run(budget: Int?, command: String) throws -> CitePriority {
        try RunJournal.transaction(command: command, in: warehouse, headline: { priority in
            "\(priority.entries.count) cités ranked" + (priority.budget.map { ", \(priority.entries.filter { $0.selected == true }.count) selected within \($0) dwellings" } ?? "")
        }) { runID, db in
            let inventory = try CiteInventory.read(db)
            guard !inventory.cites.isEmpty else {
                throw ObservatoireError(.cites, "no cités inventory is loaded: ingest one (source inventaire-cites-minieres) first")
            }
            let priority = CitePriority(inventory: inventory, rules: rules, budget: budget)
            try db.execute(sql: "DELETE FROM report_cites_priority")
            let insert = try db.makeStatement(sql: """
                INSERT INTO report_cites_priority (rank, id_cite, nom, epci, logements, score_social, score_patrimonial, score,
                    classe, manquants, selection, cumul_logements, run_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for entry in priority.entries {
                try insert.execute(arguments: [
                    entry.rank, entry.cite.id, entry.cite.nom, entry.cite.epci, entry.cite.logements, entry.social, entry.heritage,
                    entry.score, entry.classe.rawValue, entry.missing.isEmpty ? nil : entry.missing.joined(separator: "; "),
                    entry.selected, entry.cumulativeDwellings, runID,
                ])
            }
            return priority
        }
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
