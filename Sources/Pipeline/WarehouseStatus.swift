import GRDB
import Warehouse

/// What `observatoire status` shows the morning after: the last runs and their stages,
/// per source what is loaded and since when, and per geography how sure its figures are.
public struct WarehouseStatus: Sendable {
    public struct Run: Sendable, Equatable {
        public let id: Int64
        public let command: String
        public let startedAt: String
        public let finishedAt: String?
        public let status: String
        public let message: String?
        public var stages: [String] = []
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
            var runs = try Row.fetchAll(db, sql: """
                SELECT run_id, command, started_at, finished_at, status, message FROM runs ORDER BY run_id DESC LIMIT ?
                """, arguments: [limit]).map {
                Run(id: $0[0], command: $0[1], startedAt: $0[2], finishedAt: $0[3], status: $0[4], message: $0[5])
            }
            for index in runs.indices {
                runs[index].stages = try Row.fetchAll(db, sql: """
                    SELECT stage, status, seconds, message FROM run_stages WHERE run_id = ?
                    ORDER BY CASE stage WHEN 'ingest' THEN 0 WHEN 'normalise' THEN 1 ELSE 2 END
                    """, arguments: [runs[index].id]).map { row in
                    let seconds: Double? = row[2]
                    return "\(row[0] as String) \(row[1] as String)" + (seconds.map { String(format: " in %.2f s", $0) } ?? "")
                        + ": \(row[3] as String? ?? "")"
                }
            }
            let sources = try FileJournal.freshness(db)
            return (runs, sources, try Self.figures(db))
        }
    }

    /// Counting statuses unpacks every packed row: about a second for all of France.
    private static func figures(_ db: Database) throws -> [Figures] {
        var counts: [Int: [Figures.Count]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT geography, status, count(*) FROM indicator_values GROUP BY geography, status ORDER BY geography, count(*) DESC, status
            """) {
            counts[row[0], default: []].append(Figures.Count(status: row[1], values: row[2]))
        }
        return try counts.keys.sorted().map { geography in
            Figures(geography: geography, statuses: counts[geography]!, partialTerritories: try TerritoryStore(geography: geography).partialCount(db))
        }
    }
}
