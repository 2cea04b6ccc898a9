import GRDB

/// Writes a wide file as published: one row of `observation_rows` per territory, its
/// cells packed (`PackedCells`), and once the variable of each column in `file_columns`;
/// or the aggregates of a diagnostics file, a row per commune naming its slots.
///
/// One row written per territory rather than one per value: SQLite's cost is per row
/// (about a microsecond), so the dossier complet is 35,000 rows, not 67 million.
public final class PackedRowWriter {
    private let fileID: Int64
    private let insert: PreparedInsert
    private let column: Statement
    /// Slots given so far (`addColumn`).
    private var columns = 0
    /// Levels seen, as bytes that live as long as the writer.
    private var levels = InternedTexts()

    /// `variableIDs[n]`: the variable of the n-th cell of every row; more can be added
    /// as they come (`addColumn`), for rows that name their slots.
    public init(fileID: Int64, variableIDs: [Int64] = [], _ db: Database) throws {
        self.fileID = fileID
        column = try db.makeStatement(sql: "INSERT INTO file_columns (file_id, slot, variable_id) VALUES (?, ?, ?)")
        insert = try PreparedInsert(db, sql: """
            INSERT OR FAIL INTO observation_rows (file_id, territory_code, territory_level, cells) VALUES (?, ?, ?, ?)
            """)
        for variableID in variableIDs { _ = try addColumn(variableID: variableID) }
    }

    /// A new column of the file, holding `variableID`: its slot.
    public func addColumn(variableID: Int64) throws -> Int {
        try column.execute(arguments: [fileID, columns, variableID])
        columns += 1
        return columns - 1
    }

    /// Writes the row of one territory.
    public func write(territoryCode: UnsafeBufferPointer<UInt8>, level: String, cells: PackedCells) throws {
        try cells.bytes.withUnsafeBufferPointer { bytes in
            try write(territoryCode: territoryCode, level: level, cells: bytes)
        }
    }

    /// Writes the row of one territory, its cells already packed (`PackedCells.bytes`).
    public func write(territoryCode: UnsafeBufferPointer<UInt8>, level: String, cells: UnsafeBufferPointer<UInt8>) throws {
        insert.bind(1, Int64?(fileID))
        insert.bind(2, bytes: territoryCode)
        insert.bind(3, bytes: levels[levels.index(of: level)])
        insert.bind(4, bytes: cells)
        try insert.execute()
    }
}
