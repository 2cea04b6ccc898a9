import GRDB

/// What normalise reads of the observations as loaded, before it converts them: the
/// commune codes a file's geography is inferred from, and the populations that weigh splits.
extension ObservationStore {
    /// The commune codes (level COM) of one file, in long or packed rows.
    public static func communeCodes(fileID: Int64, _ db: Database) throws -> Set<String> {
        try String.fetchSet(db, sql: """
            SELECT territory_code FROM observation_values WHERE file_id = :f AND territory_level = 'COM'
            UNION SELECT territory_code FROM observation_rows WHERE file_id = :f AND territory_level = 'COM'
            """, arguments: ["f": fileID])
    }

    /// Calls `body` with each value of one variable of a file that is given (`ok`) for a
    /// commune (level `COM`) or a commune déléguée (`COMD`), as the rows are read: the
    /// populations of a whole COG, never held twice.
    public static func forEachCommuneValue(fileID: Int64, variableID: Int64, _ db: Database,
                                           _ body: (_ code: String, _ level: String, _ value: Double?) throws -> Void) throws {
        let rows = try Row.fetchCursor(db, sql: """
            SELECT territory_code, territory_level, value FROM observations
            WHERE file_id = ? AND variable_id = ? AND territory_level IN ('COM', 'COMD') AND status = 'ok'
            """, arguments: [fileID, variableID])
        while let row = try rows.next() {
            try body(row[0], row[1], row[2])
        }
    }
}
