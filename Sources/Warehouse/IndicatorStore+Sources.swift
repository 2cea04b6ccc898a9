import GRDB

/// The files each indicator of a geography was computed from (`indicator_sources`), for
/// the sources a portrait or map cites.
extension IndicatorStore {
    /// Forgets the files of the previous compute of the geography.
    public static func clearSourceFiles(geography: Int, _ db: Database) throws {
        try db.execute(sql: "DELETE FROM indicator_sources WHERE geography = ?", arguments: [geography])
    }

    /// Records the files one indicator was computed from, in this order.
    public static func recordSourceFiles(_ fileIDs: [Int64], indicator: String, geography: Int, _ db: Database) throws {
        for file in fileIDs {
            try db.execute(sql: "INSERT INTO indicator_sources (geography, indicator_id, file_id) VALUES (?, ?, ?)",
                           arguments: [geography, indicator, file])
        }
    }
}
