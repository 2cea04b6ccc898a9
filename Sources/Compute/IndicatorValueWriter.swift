import GRDB
import Warehouse

/// Writes the values of `compute` packed (migration 014): one row of `indicator_rows` per
/// territory, whose cells are the territory's values of every indicator and period, each
/// in the slot `indicator_slots` gives that indicator and period.
///
/// Values come indicator by indicator, encoded (`EncodedIndicator`), territory by
/// territory; rows are written once all have come (`finish`). Until then each territory's
/// cells are held as the JSON text they will be written as: all of France is 3.9 million
/// values in 155 MB of text.
final class IndicatorValueWriter {
    private let geography: Int
    private let runID: Int64
    private let territories: TerritoryIndex
    private let db: Database
    private let addSlot: Statement
    private let addMethod: Statement
    private var slots = 0
    private var methods: [String: Int] = [:]
    /// By territory index; a territory without values has an empty row and none is written.
    private var rows: [PackedIndicatorRow]

    init(geography: Int, runID: Int64, territories: TerritoryIndex, _ db: Database) throws {
        self.geography = geography
        self.runID = runID
        self.territories = territories
        self.db = db
        rows = Array(repeating: PackedIndicatorRow(), count: territories.count)
        addSlot = try db.makeStatement(sql: "INSERT INTO indicator_slots (geography, slot, indicator_id, period) VALUES (?, ?, ?, ?)")
        addMethod = try db.makeStatement(sql: "INSERT INTO indicator_methods (geography, method_id, method) VALUES (?, ?, ?)")
    }

    /// The values of one indicator; a slot for each of its periods, in period order.
    func write(_ encoded: EncodedIndicator) throws {
        let firstSlot = slots
        for period in encoded.periods {
            try addSlot.execute(arguments: [geography, slots, encoded.indicator, period])
            slots += 1
        }
        let methodIDs = try encoded.methods.map(method)
        try encoded.bytes.withUnsafeBufferPointer { bytes in
            for cell in encoded.cells {
                let row = Int(cell.territory), slot = firstSlot + Int(cell.period)
                guard slot >= rows[row].nextSlot else {
                    throw UnwritableValue(indicator: encoded.indicator, territory: territories[cell.territory],
                                          period: encoded.periods[Int(cell.period)],
                                          reason: "given twice, or out of (territory, period) order")
                }
                rows[row].append(slot: slot, head: UnsafeBufferPointer(rebasing: bytes[cell.head]), method: methodIDs[Int(cell.method)],
                                 tail: UnsafeBufferPointer(rebasing: bytes[cell.tail]))
            }
        }
    }

    /// Writes every territory's row, in territory order.
    func finish() throws {
        let insert = try PreparedInsert(db, sql: """
            INSERT OR FAIL INTO indicator_rows (geography, territory, cells, run_id) VALUES (?, ?, ?, ?)
            """)
        for row in rows.indices where !rows[row].bytes.isEmpty {
            rows[row].finish()
            insert.bind(1, Int64?(Int64(geography)))
            insert.bind(2, territories[Int32(row)])
            insert.bind(4, Int64?(runID))
            try rows[row].bytes.withUnsafeBufferPointer { bytes in
                insert.bind(3, bytes: bytes)
                try insert.execute()
            }
            rows[row] = PackedIndicatorRow()  // its memory is given back as soon as it is written
        }
    }

    private func method(_ method: String) throws -> Int {
        if let id = methods[method] { return id }
        let id = methods.count
        try addMethod.execute(arguments: [geography, id, method])
        methods[method] = id
        return id
    }
}
