import GRDB
import Warehouse

/// What `observatoire status` shows the morning after: the last runs and their stages,
/// per source what is loaded and since when, and per geography how sure its figures are.
public struct WarehouseStatus: Sendable {
    /// A run of the journal, and its stages as one line each.
    public struct Run: Sendable, Equatable {
        public let run: RunJournal.Run
        public let stages: [String]
    }

    public typealias SourceFreshness = FileJournal.SourceFreshness

    /// The indicator values of one geography by status, and its territories with communes missing.
    public struct Figures: Sendable, Equatable {
        public let geography: Int
        /// Status and number of values, most frequent first.
        public let statuses: [Count]
        public let partialTerritories: Int

        public struct Count: Sendable, Equatable {
            public let status: String
            public let values: Int
        }
    }

    public let runs: [Run]
    public let sources: [SourceFreshness]
    public let figures: [Figures]

    public init(warehouse: Warehouse, runs limit: Int = 10) throws {
        (runs, sources, figures) = try warehouse.read { db in
            let runs = try RunJournal.recent(limit: limit, db).map { run in
                Run(run: run, stages: try StageJournal.stages(ofRun: run.id, db).map { stage in
                    "\(stage.stage) \(stage.status)" + (stage.seconds.map { String(format: " in %.2f s", $0) } ?? "")
                        + ": \(stage.message ?? "")"
                })
            }
            let sources = try FileJournal.freshness(db)
            return (runs, sources, try Self.figures(db))
        }
    }

    /// Counting statuses unpacks every packed row: about a second for all of France.
    private static func figures(_ db: Database) throws -> [Figures] {
        var counts: [Int: [Figures.Count]] = [:]
        for count in try WarehouseSummary.indicatorValueCounts(db) {
            counts[count.geography, default: []].append(Figures.Count(status: count.status, values: count.values))
        }
        return try counts.keys.sorted().map { geography in
            Figures(geography: geography, statuses: counts[geography]!, partialTerritories: try TerritoryStore(geography: geography).partialCount(db))
        }
    }
}
