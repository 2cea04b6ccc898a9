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
    private let layout: IndicatorStore.SlotWriter
    private var slots = 0
    /// The indicator and period of each slot, in slot order.
    private var slotKeys: [ValueHistory.Key] = []
    private var methods: [String: Int] = [:]
    private let history: ValueHistory
    /// By territory index; a territory without values has an empty row and none is written.
    private var rows: [PackedIndicatorRow]

    /// `history` records what the rows written replace: the previous rows of the geography
    /// are still there, their slots and methods read by it.
    init(geography: Int, runID: Int64, territories: TerritoryIndex, history: ValueHistory, _ db: Database) throws {
        self.history = history
        self.geography = geography
        self.runID = runID
        self.territories = territories
        self.db = db
        rows = Array(repeating: PackedIndicatorRow(), count: territories.count)
        layout = try IndicatorStore.SlotWriter(geography: geography, db)
    }

    /// The values of one indicator; a slot for each of its periods, in period order.
    func write(_ encoded: EncodedIndicator) throws {
        let firstSlot = slots
        for period in encoded.periods {
            try layout.addSlot(slots, indicator: encoded.indicator, period: period)
            slotKeys.append(ValueHistory.Key(indicator: encoded.indicator, period: period))
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

    /// Writes every territory's row, in territory order, each replacing the previous one
    /// after `history` has compared them; then removes the previous rows of territories
    /// that have no value any more.
    func finish() throws {
        let rowWriter = try IndicatorStore.RowWriter(geography: geography, runID: runID, db)
        let methodTexts = Dictionary(uniqueKeysWithValues: methods.map { ($0.value, $0.key) })
        for row in rows.indices where !rows[row].bytes.isEmpty {
            rows[row].finish()
            let territory = territories[Int32(row)]
            let before = try rowWriter.previousRow(of: territory)
            try rows[row].bytes.withUnsafeBufferPointer { bytes in
                try history.compare(territory: territory, previous: before, new: bytes, slots: slotKeys, methods: methodTexts)
                try rowWriter.write(territory: territory, cells: bytes)
            }
            rows[row] = PackedIndicatorRow()  // its memory is given back as soon as it is written
        }
        for row in try IndicatorStore.rows(geography: geography, notWrittenBy: runID, db) {
            try history.removeAll(territory: row.territory, previous: (row.cells, row.runID))
        }
        try IndicatorStore.deleteRows(geography: geography, notWrittenBy: runID, db)
    }

    private func method(_ method: String) throws -> Int {
        if let id = methods[method] { return id }
        let id = methods.count
        try layout.addMethod(id, method: method)
        methods[method] = id
        return id
    }
}
