import Geography
import GRDB

/// Writes passage tables to the `passages` table, replacing any earlier one for the same
/// pair of geographies.
enum PassageStore {
    static func replace(_ table: PassageTable, _ db: Database) throws {
        try db.execute(sql: "DELETE FROM passages WHERE from_geography = ? AND to_geography = ?",
                       arguments: [table.fromVintage, table.toVintage])
        let insert = try db.makeStatement(sql: """
            INSERT INTO passages (from_geography, to_geography, from_code, to_code, weight, kind, basis, events)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for row in table.rows {
            try insert.execute(arguments: [table.fromVintage, table.toVintage, row.fromCode, row.toCode, row.weight,
                                           row.kind.rawValue, row.basis, row.events.isEmpty ? nil : row.events.joined(separator: "; ")])
        }
    }
}
