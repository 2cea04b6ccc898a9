import GRDB

/// What the reports leave in the warehouse for analysts (`report_portrait`), and what the
/// warehouse says of itself for Datasette's metadata: written and read here so that no
/// report module holds SQL. The cités reports are `CiteStore`'s.
public enum ReportStore {
    /// One indicator shown on a portrait, as `report_portrait` keeps it.
    public struct PortraitLine: Sendable {
        public var section: String
        public var indicator: String
        public var period: String
        /// nil unless `status` is `ok`.
        public var value: Double?
        public var status: String
        /// JSON object territory → value (null when not `ok`).
        public var referenceValues: String
        public var evolution: Double?
        public var rank: Int?
        public var rankOf: Int?
        /// `COM in EPCI:246200364`.
        public var rankScope: String?

        public init(section: String, indicator: String, period: String, value: Double?, status: String, referenceValues: String,
                    evolution: Double?, rank: Int?, rankOf: Int?, rankScope: String?) {
            self.section = section
            self.indicator = indicator
            self.period = period
            self.value = value
            self.status = status
            self.referenceValues = referenceValues
            self.evolution = evolution
            self.rank = rank
            self.rankOf = rankOf
            self.rankScope = rankScope
        }
    }

    /// Replaces the rows of a territory's previous portrait: the table holds the last
    /// portrait of each territory, the figures analysts can find in what was published.
    public static func replacePortrait(geography: Int, territory: String, _ lines: [PortraitLine], runID: Int64,
                                       _ db: Database) throws {
        try db.execute(sql: "DELETE FROM report_portrait WHERE geography = ? AND territory = ?", arguments: [geography, territory])
        let insert = try db.makeStatement(sql: """
            INSERT INTO report_portrait (geography, territory, section, indicator_id, period, value, status, reference_values,
                                         evolution, rank, rank_of, rank_scope, run_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for line in lines {
            try insert.execute(arguments: [
                geography, territory, line.section, line.indicator, line.period, line.value, line.status, line.referenceValues,
                line.evolution, line.rank, line.rankOf, line.rankScope, runID,
            ])
        }
    }

    /// The tables and views an analyst may query, by name: SQLite's and GRDB's own left out.
    public static func tablesAndViews(_ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: """
            SELECT name FROM sqlite_master WHERE type IN ('table', 'view')
            AND name NOT LIKE 'sqlite_%' AND name != 'grdb_migrations' ORDER BY name
            """)
    }

    /// A source as its definition described it when its files were loaded (`sources`).
    public struct LoadedSource: Sendable, Equatable {
        public let id: String
        public let label: String
        public let publisher: String?
        public let url: String?
    }

    /// The sources of the loaded files, by id: who publishes what the warehouse holds.
    public static func loadedSources(_ db: Database) throws -> [LoadedSource] {
        try Row.fetchAll(db, sql: "SELECT source_id, label, publisher, url FROM sources ORDER BY source_id").map {
            LoadedSource(id: $0["source_id"], label: $0["label"], publisher: $0["publisher"], url: $0["url"])
        }
    }
}
