import GRDB

/// Keeps the `sources` and `variables` tables in step with the definitions used to load.
public enum SourceRegistry {
    public static func upsertSource(id: String, label: String, publisher: String?, url: String?, kind: String, _ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO sources (source_id, label, publisher, url, kind) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (source_id) DO UPDATE SET label = excluded.label, publisher = excluded.publisher,
                url = excluded.url, kind = excluded.kind
            """, arguments: [id, label, publisher, url, kind])
    }

    /// The id of variable `code` of a source, created on first use.
    public static func variableID(sourceID: String, code: String, period: String, label: String?, additive: Bool,
                                  _ db: Database) throws -> Int64 {
        try db.execute(sql: """
            INSERT INTO variables (source_id, code, period, label, additive) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (source_id, code) DO UPDATE SET period = excluded.period,
                label = COALESCE(excluded.label, variables.label), additive = excluded.additive
            """, arguments: [sourceID, code, period, label, additive])
        return try Int64.fetchOne(db, sql: "SELECT variable_id FROM variables WHERE source_id = ? AND code = ?",
                                  arguments: [sourceID, code])!
    }
}
