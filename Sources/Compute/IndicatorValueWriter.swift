import GRDB
import Tabular
import Warehouse

/// Writes the values of `compute` packed (migration 014): one row of `indicator_rows` per
/// territory, whose cells are the territory's values of every indicator and period, each
/// in the slot `indicator_slots` gives that indicator and period.
///
/// Values come indicator by indicator, territory by territory; rows are written once all
/// have come (`finish`). Until then each territory's cells are held as the JSON text they
/// will be written as: all of France is 3.9 million values in 155 MB of text.
final class IndicatorValueWriter {
    /// Something no cell can hold; the indicator, territory and period say which value.
    struct UnwritableValue: Error, CustomStringConvertible {
        let indicator: String
        let value: IndicatorValue
        let reason: String
        var description: String {
            "indicator \(indicator), territory \(value.territory), period \(value.period): \(reason) (a fault of compute, nothing was written)"
        }
    }

    private let geography: Int
    private let runID: Int64
    private let db: Database
    private let addSlot: Statement
    private let addMethod: Statement
    private var slots = 0
    private var methods: [String: Int] = [:]
    private var rowOfTerritory: [String: Int] = [:]
    private var rows: [PackedIndicatorRow] = []

    init(geography: Int, runID: Int64, _ db: Database) throws {
        self.geography = geography
        self.runID = runID
        self.db = db
        addSlot = try db.makeStatement(sql: "INSERT INTO indicator_slots (geography, slot, indicator_id, period) VALUES (?, ?, ?, ?)")
        addMethod = try db.makeStatement(sql: "INSERT INTO indicator_methods (geography, method_id, method) VALUES (?, ?, ?)")
    }

    /// The values of one indicator, in (territory, period) order; a slot for each of its
    /// periods, in period order.
    func write(_ values: [IndicatorValue], of indicator: String) throws {
        var slotOfPeriod: [String: Int] = [:]
        for period in Set(values.map(\.period)).sorted() {
            try addSlot.execute(arguments: [geography, slots, indicator, period])
            slotOfPeriod[period] = slots
            slots += 1
        }
        for value in values {
            try check(value, of: indicator)
            let row = self.row(of: value.territory), slot = slotOfPeriod[value.period]!
            guard slot >= rows[row].nextSlot else {
                throw UnwritableValue(indicator: indicator, value: value, reason: "given twice, or out of (territory, period) order")
            }
            rows[row].append(value, slot: slot, method: try method(value.method))
        }
    }

    /// Writes every territory's row, in territory order.
    func finish() throws {
        let insert = try PreparedInsert(db, sql: """
            INSERT OR FAIL INTO indicator_rows (geography, territory, cells, run_id) VALUES (?, ?, ?, ?)
            """)
        for (territory, row) in rowOfTerritory.sorted(by: { $0.key < $1.key }) {
            rows[row].finish()
            insert.bind(1, Int64?(Int64(geography)))
            insert.bind(2, territory)
            insert.bind(4, Int64?(runID))
            try rows[row].bytes.withUnsafeBufferPointer { bytes in
                insert.bind(3, bytes: bytes)
                try insert.execute()
            }
            rows[row] = PackedIndicatorRow()  // its memory is given back as soon as it is written
        }
    }

    private func row(of territory: String) -> Int {
        if let row = rowOfTerritory[territory] { return row }
        rowOfTerritory[territory] = rows.count
        rows.append(PackedIndicatorRow())
        return rows.count - 1
    }

    private func method(_ method: String) throws -> Int {
        if let id = methods[method] { return id }
        let id = methods.count
        try addMethod.execute(arguments: [geography, id, method])
        methods[method] = id
        return id
    }

    /// What the table of migrations 003 to 013 refused through its constraints.
    private func check(_ value: IndicatorValue, of indicator: String) throws {
        func fail(_ reason: String) -> UnwritableValue { UnwritableValue(indicator: indicator, value: value, reason: reason) }
        guard ValueStatus(rawValue: value.status) != nil else { throw fail("unknown status '\(value.status)'") }
        guard (value.status == "ok") == (value.value != nil) else {
            throw fail(value.status == "ok" ? "an ok value without a number" : "a \(value.status) value with a number")
        }
        for (name, number) in [("value", value.value), ("numerator", value.numerator), ("denominator", value.denominator),
                               ("coverage", value.coverage), ("derived", value.derived)] {
            if let number, !number.isFinite { throw fail("\(name) is \(number)") }
        }
        if let coverage = value.coverage, !(0...1).contains(coverage) { throw fail("coverage \(coverage) is not between 0 and 1") }
    }
}
