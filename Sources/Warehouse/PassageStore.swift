import GRDB

/// The `passages` table: how the communes of one COG vintage land in those of another,
/// as normalise builds them from the commune history. Kept so that every converted value
/// can be traced to the rows that made it, and read by the conversion in SQL.
public enum PassageStore {
    /// One row of a passage table, as stored.
    public struct Row: Sendable {
        public var fromCode: String
        public var toCode: String
        public var weight: Double
        public var kind: String
        public var basis: String?
        /// The events crossed, joined with `; `; nil when none.
        public var events: String?

        public init(fromCode: String, toCode: String, weight: Double, kind: String, basis: String?, events: String?) {
            self.fromCode = fromCode
            self.toCode = toCode
            self.weight = weight
            self.kind = kind
            self.basis = basis
            self.events = events
        }
    }

    /// Replaces the table of one pair of geographies with `rows`, read once, through one
    /// prepared statement.
    public static func replace(from source: Int, to target: Int, with rows: some Sequence<Row>, _ db: Database) throws {
        try db.execute(sql: "DELETE FROM passages WHERE from_geography = ? AND to_geography = ?", arguments: [source, target])
        let insert = try db.makeStatement(sql: """
            INSERT INTO passages (from_geography, to_geography, from_code, to_code, weight, kind, basis, events)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for row in rows {
            try insert.execute(arguments: [source, target, row.fromCode, row.toCode, row.weight, row.kind, row.basis, row.events])
        }
    }
}
