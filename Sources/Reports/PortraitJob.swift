import Core
import Foundation
import GRDB
import Territories
import Warehouse

/// Makes portraits: reads each territory's portrait and records it in `report_portrait`,
/// all in one journaled run (one transaction: the table never holds half a batch).
public struct PortraitJob {
    public let warehouse: Warehouse
    public let layout: PortraitLayout
    public let directory: TerritoryDirectory

    public init(warehouse: Warehouse, layout: PortraitLayout, directory: TerritoryDirectory) {
        self.warehouse = warehouse
        self.layout = layout
        self.directory = directory
    }

    /// The portraits of `territories` (ids), in that order, each stating at its foot that it
    /// was made at `now` by this run (`report_portrait.run_id`) and `SoftwareVersion.current`.
    public func run(territories: [String], command: String, now: Date = Date()) throws -> [Portrait] {
        let geography = directory.geography
        let builder = PortraitBuilder(layout: layout, directory: directory)
        return try RunJournal.transaction(command: command, in: warehouse, headline: { "\($0.count) portrait\($0.count == 1 ? "" : "s"), geography \(geography)" }) { runID, db in
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM indicator_rows WHERE geography = ?)", arguments: [geography]) == true else {
                throw ObservatoireError(.report, "no indicator has been computed on geography \(geography): run `observatoire compute` first")
            }
            return try territories.map { id in
                guard let territory = try builder.territory(id, db) else {
                    throw ObservatoireError(.report, "no territory \(id) in geography \(geography)")
                }
                let production = Portrait.Production(date: now, runID: runID, software: SoftwareVersion.current)
                let portrait = try builder.portrait(of: territory, production: production, db)
                try PortraitRecorder().record(portrait, runID: runID, db)
                return portrait
            }
        }
    }
}
