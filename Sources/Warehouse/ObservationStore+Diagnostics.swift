import GRDB

extension ObservationStore {
    /// With `ingest --keep-rows`: each energy diagnostic of a file as published, in
    /// `diagnostics`, for analysts; the counts are what the stages use. A diagnostic found
    /// not to count once the whole file is read (replaced, repeated) is deleted again.
    /// Both statements are prepared once for the file: millions of rows go through them.
    public final class DiagnosticRowWriter {
        private let fileID: Int64
        private let insert: PreparedInsert
        private let delete: PreparedInsert

        public init(fileID: Int64, _ db: Database) throws {
            self.fileID = fileID
            insert = try PreparedInsert(db, sql: """
                INSERT OR IGNORE INTO diagnostics (file_id, line, number, commune, date, label, building_type, construction_year, consumption)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            delete = try PreparedInsert(db, sql: "DELETE FROM diagnostics WHERE file_id = ? AND number = ? AND line = ?")
        }

        /// Writes one diagnostic; `number` and `date` are bytes of the record being read.
        public func write(line: Int64, number: UnsafeBufferPointer<UInt8>, commune: String, date: UnsafeBufferPointer<UInt8>,
                          label: String, buildingType: String, constructionYear: Int64?, consumption: Double?) throws {
            insert.bind(1, Int64?(fileID))
            insert.bind(2, Int64?(line))
            insert.bind(3, bytes: number)
            insert.bind(4, commune)
            insert.bind(5, bytes: date)
            insert.bind(6, label)
            insert.bind(7, buildingType)
            insert.bind(8, constructionYear)
            insert.bind(9, consumption)
            try insert.execute()
        }

        /// Deletes the diagnostic written for `number` on `line`.
        public func forget(number: String, line: Int64) throws {
            delete.bind(1, Int64?(fileID))
            delete.bind(2, number)
            delete.bind(3, Int64?(line))
            try delete.execute()
        }
    }
}
