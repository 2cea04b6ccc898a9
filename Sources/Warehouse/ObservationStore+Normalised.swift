import Foundation
import GRDB

/// The normalised values of one geography as `compute` reads them, from both places they
/// are kept: values converted one by one (`normalised_values`) and the packed rows of wide
/// files carried as they are (`normalised_rows`). Everything streams: all of France is
/// millions of values.
extension ObservationStore {
    /// Where each variable is packed among the current wide files carried onto `geography`:
    /// its file and slot, file by file.
    public static func forEachPackedColumn(geography: Int, _ db: Database,
                                           _ body: (_ variableID: Int64, _ fileID: Int64, _ slot: Int) throws -> Void) throws {
        let rows = try Row.fetchCursor(db, sql: """
            SELECT c.variable_id, c.file_id, c.slot FROM file_columns c
            JOIN files f ON f.file_id = c.file_id AND f.status = 'current'
            WHERE c.file_id IN (SELECT DISTINCT file_id FROM normalised_rows WHERE geography = ?)
            ORDER BY c.file_id
            """, arguments: [geography])
        while let row = try rows.next() { try body(row[0], row[1], row[2]) }
    }

    /// The variables with a value converted one by one on `geography`.
    public static func convertedVariables(geography: Int, _ db: Database) throws -> Set<Int64> {
        try Set(Int64.fetchAll(db, sql: """
            SELECT DISTINCT variable_id FROM normalised_values INDEXED BY normalised_by_variable WHERE geography = ?
            """, arguments: [geography]))
    }

    /// The packed cells (`PackedCells`) of each row of one wide file carried onto
    /// `geography`, with the territory it was carried onto. The cells are read in place:
    /// they are valid only while `body` runs.
    public static func forEachPackedRow(geography: Int, fileID: Int64, _ db: Database,
                                        _ body: (_ territory: String, _ cells: UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        let rows = try Row.fetchCursor(db, sql: """
            SELECT n.territory, r.cells FROM normalised_rows n
            JOIN observation_rows r ON r.file_id = n.file_id AND r.territory_code = n.territory_code
            WHERE n.geography = ? AND n.file_id = ?
            """, arguments: [geography, fileID])
        while let row = try rows.next() {
            let territory: String = row[0]
            try row.withUnsafeData(atIndex: 1) { data in
                try (data ?? Data()).withUnsafeBytes { raw in try body(territory, raw.bindMemory(to: UInt8.self)) }
            }
        }
    }

    /// The values converted one by one of these variables on `geography`, from current
    /// files, file by file in the order they were loaded (the most recent last). `status`
    /// as stored.
    public static func forEachConvertedValue(
        geography: Int, variables: [Int64], _ db: Database,
        _ body: (_ territory: String, _ variableID: Int64, _ fileID: Int64, _ value: Double?, _ status: String) throws -> Void
    ) throws {
        // Named index: planner statistics sampled on millions of rows (`analysis_limit`) can
        // make a scan of the whole geography look cheaper, and that scan, once per
        // component, was most of `compute` on all of France.
        let rows = try Row.fetchCursor(db, sql: """
            SELECT n.territory, n.variable_id, n.file_id, n.value, n.status
            FROM normalised_values n INDEXED BY normalised_by_variable
            JOIN files f ON f.file_id = n.file_id AND f.status = 'current'
            WHERE n.geography = ? AND n.variable_id IN (SELECT value FROM json_each(?))
            ORDER BY n.file_id
            """, arguments: [geography, try SQLList.json(variables)])
        while let row = try rows.next() { try body(row[0], row[1], row[2], row[3], row[4]) }
    }

    /// The communes of `geography` one file has values for, in either place.
    public static func communesWithValues(ofFile fileID: Int64, geography: Int, _ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: """
            SELECT DISTINCT territory FROM normalised_values WHERE geography = :g AND file_id = :f AND territory LIKE 'COM:%'
            UNION SELECT territory FROM normalised_rows WHERE geography = :g AND file_id = :f AND territory LIKE 'COM:%'
            """, arguments: ["g": geography, "f": fileID])
    }
}
