import Core
import Foundation
import Logging
import Territories
import Warehouse

/// Makes portraits: reads each territory's portrait and records it in `report_portrait`,
/// all in one journaled run (one transaction: the table never holds half a batch).
public struct PortraitJob {
    public let warehouse: Warehouse
    public let layout: PortraitLayout
    public let directory: TerritoryDirectory
    public let logger: Logger

    public init(warehouse: Warehouse, layout: PortraitLayout, directory: TerritoryDirectory, logger: Logger) {
        self.warehouse = warehouse
        self.layout = layout
        self.directory = directory
        self.logger = logger
    }

    /// The portraits of `territories` (ids), in that order, each stating at its foot that it
    /// was made at `now` by this run (`report_portrait.run_id`) and `SoftwareVersion.current`.
    public func run(territories: [String], command: String, now: Date = Date()) throws -> [Portrait] {
        let geography = directory.geography
        let builder = PortraitBuilder(layout: layout, directory: directory)
        var portraits: [Portrait] = try RunJournal.transaction(command: command, in: warehouse, headline: { "\($0.count) portrait\($0.count == 1 ? "" : "s"), geography \(geography)" }) { runID, db in
            guard try IndicatorStore.hasComputedValues(geography: geography, db) else {
                throw ObservatoireError(.report, "no indicator has been computed on geography \(geography): run `observatoire compute` first")
            }
            return try territories.map { id in
                guard let territory = try builder.territory(id, db) else {
                    throw ObservatoireError(.report, "no territory \(id) in geography \(geography)")
                }
                let production = Portrait.Production(date: now, runID: runID, software: SoftwareVersion.current)
                let portrait = try builder.portrait(of: territory, production: production, db)
                try PortraitRecorder().record(portrait, runID: runID, db)
                logger.debug("Made portrait", metadata: ["territory": "\(territory.id)", "indicators": "\(portrait.entries.count)"])
                return portrait
            }
        }
        let maps = try PortraitMapMaker(warehouse: warehouse, directory: directory, indicators: layout.maps, logger: logger)
        for index in portraits.indices { portraits[index].maps = try maps.maps(of: portraits[index]) }
        logger.info("Made portraits", metadata: [
            "geography": "\(geography)", "portraits": "\(portraits.count)", "indicators": "\(portraits.map(\.entries.count).reduce(0, +))",
            "maps": "\(portraits.map(\.maps.count).reduce(0, +))",
        ])
        return portraits
    }
}
