import GRDB

/// The rows of a passage table that map one commune onto one commune (itself, or its new
/// code), kept in a temporary table keyed by source code: the observations of those
/// communes are copied as they are, without the grouping the other communes need.
enum OneToOnePassages {
    /// Fills the table for one pair of geographies (`empty`: leaves it empty, so that every
    /// commune goes through the grouped query).
    static func fill(from source: Int, to target: Int, empty: Bool = false, _ db: Database) throws {
        try db.execute(sql: """
            CREATE TEMP TABLE IF NOT EXISTS one_to_one_passages (
                from_geography INTEGER NOT NULL,
                to_geography   INTEGER NOT NULL,
                from_code      TEXT NOT NULL,
                to_code        TEXT NOT NULL,
                PRIMARY KEY (from_geography, to_geography, from_code)
            ) WITHOUT ROWID
            """)
        try db.execute(sql: "DELETE FROM temp.one_to_one_passages WHERE from_geography = ? AND to_geography = ?", arguments: [source, target])
        guard !empty else { return }
        // Whole (weight 1), not a merger nor a split, and the only commune landing there.
        try db.execute(sql: """
            INSERT INTO temp.one_to_one_passages (from_geography, to_geography, from_code, to_code)
            SELECT from_geography, to_geography, from_code, to_code FROM passages
            WHERE from_geography = :source AND to_geography = :target AND weight = 1 AND kind IN ('identity', 'code-change')
              AND to_code IN (SELECT to_code FROM passages WHERE from_geography = :source AND to_geography = :target
                              GROUP BY to_code HAVING count(*) = 1)
            """, arguments: ["source": source, "target": target])
    }
}
