import GRDB

/// The counts `observatoire status` shows of what the stages produced.
public enum WarehouseSummary {
    /// The number of indicator values of each geography by status: geography, status and
    /// count, by geography then the most frequent status first. It unpacks every packed
    /// row: about a second for all of France.
    public static func indicatorValueCounts(_ db: Database) throws -> [(geography: Int, status: String, values: Int)] {
        try Row.fetchAll(db, sql: """
            SELECT geography, status, count(*) FROM indicator_values GROUP BY geography, status ORDER BY geography, count(*) DESC, status
            """).map { ($0[0], $0[1], $0[2]) }
    }
}
