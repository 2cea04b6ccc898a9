import GRDB

extension ObservationStore {
    /// Writes the values of a file in long form (a Melodi file: one observation per line),
    /// one row of `observation_values` each, through one statement prepared for the file.
    ///
    /// The key (file, territory, variable) is unique: a value met twice fails with
    /// `SQLITE_CONSTRAINT`, which the loader turns into the refusal of a duplicate.
    public final class LongValueWriter {
        private let insert: PreparedInsert

        public init(_ db: Database) throws {
            insert = try PreparedInsert(db, sql: """
                INSERT INTO observation_values (file_id, territory_code, variable_id, territory_level, value, status) VALUES (?, ?, ?, ?, ?, ?)
                """)
        }

        /// Writes one value; `fileID` may differ from row to row (the `files` row of its level).
        public func write(fileID: Int64, territoryCode: String, variableID: Int64, level: String, value: Double?, status: String) throws {
            insert.bind(1, Int64?(fileID))
            insert.bind(2, territoryCode)
            insert.bind(3, Int64?(variableID))
            insert.bind(4, level)
            insert.bind(5, value)
            insert.bind(6, status)
            try insert.execute()
        }
    }
}
