import GRDB

/// The computed values of a geography, packed (migration 014): one row of `indicator_rows`
/// per territory, whose cells are JSON, element n the value of the slot n that
/// `indicator_slots` names (indicator and period), each naming its method by the id
/// `indicator_methods` gives. Written by `compute` with statements prepared once: all of
/// France is 35,000 rows of 98 indicators.
extension IndicatorStore {
    /// The indicator and period of each slot of the geography's rows, in slot order.
    public static func slotLayout(geography: Int, _ db: Database) throws -> [(indicator: String, period: String)] {
        try Row.fetchAll(db, sql: "SELECT indicator_id, period FROM indicator_slots WHERE geography = ? ORDER BY slot",
                         arguments: [geography]).map { ($0[0], $0[1]) }
    }

    /// The methods of the geography's cells, by id.
    public static func methodsByID(geography: Int, _ db: Database) throws -> [Int: String] {
        Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: """
            SELECT method_id, method FROM indicator_methods WHERE geography = ?
            """, arguments: [geography]).map { ($0[0] as Int, $0[1] as String) })
    }

    /// Deletes the slots and methods of the geography, before a compute gives new ones; its
    /// rows stay until each is replaced (`RowWriter`) or deleted (`deleteRows`).
    public static func clearSlotsAndMethods(geography: Int, _ db: Database) throws {
        for table in ["indicator_slots", "indicator_methods"] {
            try db.execute(sql: "DELETE FROM \(table) WHERE geography = ?", arguments: [geography])
        }
    }

    /// Gives the slots and methods of a geography, one by one as the values come.
    public struct SlotWriter {
        public let geography: Int
        private let addSlot: Statement
        private let addMethod: Statement

        public init(geography: Int, _ db: Database) throws {
            self.geography = geography
            addSlot = try db.makeStatement(sql: "INSERT INTO indicator_slots (geography, slot, indicator_id, period) VALUES (?, ?, ?, ?)")
            addMethod = try db.makeStatement(sql: "INSERT INTO indicator_methods (geography, method_id, method) VALUES (?, ?, ?)")
        }

        public func addSlot(_ slot: Int, indicator: String, period: String) throws {
            try addSlot.execute(arguments: [geography, slot, indicator, period])
        }

        public func addMethod(_ methodID: Int, method: String) throws {
            try addMethod.execute(arguments: [geography, methodID, method])
        }
    }

    /// A territory's row as the warehouse has it: its cells, and the run that wrote them.
    public struct StoredRow: Sendable, Equatable {
        public let territory: String
        public let cells: String
        public let runID: Int64?
    }

    /// Replaces the rows of a geography one territory at a time, reading each previous row
    /// first, so that what is replaced can be kept (`HistoryWriter`).
    public struct RowWriter {
        public let geography: Int
        public let runID: Int64
        private let insert: PreparedInsert
        private let previous: Statement

        public init(geography: Int, runID: Int64, _ db: Database) throws {
            self.geography = geography
            self.runID = runID
            insert = try PreparedInsert(db, sql: """
                INSERT OR REPLACE INTO indicator_rows (geography, territory, cells, run_id) VALUES (?, ?, ?, ?)
                """)
            previous = try db.makeStatement(sql: "SELECT cells, run_id FROM indicator_rows WHERE geography = ? AND territory = ?")
        }

        /// The territory's row before this compute, if it had one.
        public func previousRow(of territory: String) throws -> (cells: String, runID: Int64?)? {
            try Row.fetchOne(previous, arguments: [geography, territory]).map { ($0[0] as String, $0[1] as Int64?) }
        }

        /// Writes the territory's row, replacing the previous one; `cells` as JSON text.
        public func write(territory: String, cells: UnsafeBufferPointer<UInt8>) throws {
            insert.bind(1, Int64?(Int64(geography)))
            insert.bind(2, territory)
            insert.bind(3, bytes: cells)
            insert.bind(4, Int64?(runID))
            try insert.execute()
        }
    }

    /// The rows of the geography another run wrote: after a compute, those of territories
    /// that have no value any more.
    public static func rows(geography: Int, notWrittenBy runID: Int64, _ db: Database) throws -> [StoredRow] {
        try Row.fetchAll(db, sql: """
            SELECT territory, cells, run_id FROM indicator_rows WHERE geography = ? AND run_id IS NOT ?
            """, arguments: [geography, runID]).map { StoredRow(territory: $0[0], cells: $0[1], runID: $0[2]) }
    }

    public static func deleteRows(geography: Int, notWrittenBy runID: Int64, _ db: Database) throws {
        try db.execute(sql: "DELETE FROM indicator_rows WHERE geography = ? AND run_id IS NOT ?", arguments: [geography, runID])
    }
}
