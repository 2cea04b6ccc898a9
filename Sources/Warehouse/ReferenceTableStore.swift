import Core
import GRDB

/// Reads of the typed reference tables (`cog_communes`, `epci_list`, …) as loaded, for the
/// loaders that check a file against another: written by `ReferenceTableWriter`.
public enum ReferenceTableStore {
    /// The values of `TABLE.COLUMN` (a `references:` of a source definition) in the rows of
    /// current files. Both names are checked against `WarehouseSchema.referenceTables`
    /// before they are put in the query: they come from a definition, not from the schema.
    public static func currentValues(of reference: String, _ db: Database) throws -> Set<String> {
        let parts = reference.split(separator: ".").map(String.init)
        guard parts.count == 2, WarehouseSchema.referenceTables[parts[0]]?.contains(parts[1]) == true else {
            throw ObservatoireError.warehouse("references: '\(reference)' is not TABLE.COLUMN of a reference table", path: db.description)
        }
        return Set(try String.fetchAll(db, sql: """
            SELECT DISTINCT t.\(parts[1]) FROM \(parts[0]) t JOIN files f USING (file_id)
            WHERE f.status = 'current' AND t.\(parts[1]) IS NOT NULL
            """))
    }
}
