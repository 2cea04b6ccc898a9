import GRDB

/// Published supra-communal values beside the values derived from their communes
/// (`v_reconciliation`), for `reconcile`.
public enum ReconciliationStore {
    /// The most recent geography compute wrote values for: the one reconciled by default.
    public static func latestComputedGeography(_ db: Database) throws -> Int? {
        try Int.fetchOne(db, sql: "SELECT max(geography) FROM indicator_rows")
    }

    /// One published value and what its communes give.
    public struct Comparison: Sendable, Equatable {
        public let indicator: String
        public let territory: String
        /// Empty when the territory has no name on the geography.
        public let name: String
        public let period: String
        public let published: Double
        public let derived: Double
        public let unit: String
    }

    /// The comparisons of one geography, of some indicators (all when nil), by indicator,
    /// territory and period.
    public static func comparisons(geography: Int, indicators: [String]?, _ db: Database) throws -> [Comparison] {
        var sql = """
            SELECT indicator_id, territory, coalesce(territory_name, ''), period, published, derived, unit
            FROM v_reconciliation WHERE geography = ?
            """
        var arguments: [any DatabaseValueConvertible] = [geography]
        if let indicators {
            sql += " AND indicator_id IN (SELECT value FROM json_each(?))"
            arguments.append(try SQLList.json(indicators))
        }
        return try Row.fetchAll(db, sql: sql + " ORDER BY indicator_id, territory, period", arguments: StatementArguments(arguments)).map {
            Comparison(indicator: $0[0], territory: $0[1], name: $0[2], period: $0[3], published: $0[4], derived: $0[5], unit: $0[6])
        }
    }
}
