@testable import Compute
import GRDB
import Testing
@testable import Warehouse

/// Values written packed, one row per territory, read back through the `indicator_values`
/// view exactly as given; and what the former table's constraints refused, refused.
struct IndicatorValueWriterTests {
    private func database() throws -> DatabaseQueue {
        let queue = try DatabaseQueue()
        try WarehouseSchema.migrator.migrate(queue)
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO runs (run_id, command, started_at, status) VALUES (7, 'compute', 'now', 'succeeded');
                INSERT INTO indicators (indicator_id, label, unit, aggregation, formula) VALUES ('pop', 'Population', 'hab.', 'stock', 'P'),
                    ('taux', 'Taux', '%', 'ratio', 'A / B');
                """)
        }
        return queue
    }

    private static let values: [(indicator: String, values: [IndicatorValue])] = [
        ("pop", [
            IndicatorValue(territory: "COM:62001", period: "2015", value: nil, status: "secret", method: "as published"),
            IndicatorValue(territory: "COM:62001", period: "2021", value: 1_000, status: "ok", method: "as published"),
            IndicatorValue(territory: "COM:62002", period: "2021", value: -0.0, status: "ok", method: "as published"),
        ]),
        ("taux", [
            IndicatorValue(territory: "COM:62001", period: "2021", value: 0.1 + 0.2, status: "ok", numerator: 3e-7,
                           denominator: 1e-6, method: "commune components"),
            IndicatorValue(territory: "EPCI:200", period: "2021", value: 123_456_789.123_456_78, status: "ok", coverage: 0.95,
                           numerator: 1e300, denominator: 2, estimate: true, method: "ratio of sums, \"partial\"",
                           derived: .leastNonzeroMagnitude, flags: "known issue \"a\\b\"\n"),
            IndicatorValue(territory: "EPCI:201", period: "2021", value: nil, status: "missing", coverage: 0.5,
                           method: "ratio of sums, coverage below 0.9"),
        ]),
    ]

    @Test func valuesReadBackThroughTheViewAsTheyWereGiven() throws {
        let queue = try database()
        try queue.write { db in
            let territories = TerritoryIndex(codes: Self.values.flatMap { $0.values.map(\.territory) })
            let writer = try IndicatorValueWriter(geography: 2024, runID: 7, territories: territories,
                                                  history: ValueHistory(geography: 2024, runID: 7, db), db)
            for (indicator, values) in Self.values {
                try writer.write(EncodedIndicator(values, of: indicator, territories: territories))
            }
            try writer.finish()
        }
        let rows = try queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT indicator_id, territory, period, value, status, coverage, numerator, denominator, estimate, method, derived,
                       flags, run_id, geography FROM indicator_values ORDER BY indicator_id, territory, period
                """)
        }
        let expected = Self.values.flatMap { indicator, values in values.map { (indicator, $0) } }
        #expect(rows.count == expected.count)
        for (row, (indicator, value)) in zip(rows, expected) {
            #expect(row[0] == indicator && row[1] == value.territory && row[2] == value.period)
            #expect(row[3] as Double? == value.value, "\(value)")
            #expect(row[4] == value.status && row[9] == value.method && row[11] as String? == value.flags)
            #expect(row[5] as Double? == value.coverage && row[6] as Double? == value.numerator && row[7] as Double? == value.denominator)
            #expect(row[8] == (value.estimate ? 1 : 0) && row[10] as Double? == value.derived)
            #expect(row[12] == 7 && row[13] == 2024)
        }
        // -0.0 is still negative zero; the smallest subnormal survives too (above).
        #expect((rows[2][3] as Double).sign == .minus)
        let packed = try queue.read { try String.fetchAll($0, sql: "SELECT cells FROM indicator_rows ORDER BY territory") }
        #expect(packed.count == 4)
        #expect(packed[1] == "[null,[-0.0,0]]")  // COM:62002 has no 2015 value: its slot 0 is null
        #expect(packed[3] == "[null,null,[\"missing\",3,null,null,0.5]]")
    }

    @Test(arguments: [
        (IndicatorValue(territory: "COM:1", period: "2021", value: nil, status: "ok", method: "m"), "an ok value without a number"),
        (IndicatorValue(territory: "COM:1", period: "2021", value: 1, status: "secret", method: "m"), "a secret value with a number"),
        (IndicatorValue(territory: "COM:1", period: "2021", value: nil, status: "zero", method: "m"), "unknown status 'zero'"),
        (IndicatorValue(territory: "COM:1", period: "2021", value: .nan, status: "ok", method: "m"), "value is nan"),
        (IndicatorValue(territory: "COM:1", period: "2021", value: 1, status: "ok", numerator: .infinity, method: "m"), "numerator is inf"),
        (IndicatorValue(territory: "COM:1", period: "2021", value: 1, status: "ok", coverage: 1.5, method: "m"), "coverage 1.5 is not between 0 and 1"),
    ])
    func refusesWhatTheFormerTableRefused(value: IndicatorValue, reason: String) throws {
        let error = #expect(throws: UnwritableValue.self) {
            try EncodedIndicator([value], of: "pop", territories: TerritoryIndex(codes: ["COM:1"]))
        }
        #expect(error?.reason == reason)
        #expect(error?.description.hasPrefix("indicator pop, territory COM:1, period 2021: ") == true)
    }

    @Test func aValueGivenTwiceIsRefused() throws {
        let queue = try database()
        let value = IndicatorValue(territory: "COM:1", period: "2021", value: 1, status: "ok", method: "m")
        let territories = TerritoryIndex(codes: ["COM:1"])
        let error = #expect(throws: UnwritableValue.self) {
            try queue.write { db in
                try IndicatorValueWriter(geography: 2024, runID: 7, territories: territories, history: ValueHistory(geography: 2024, runID: 7, db), db)
                    .write(EncodedIndicator([value, value], of: "pop", territories: territories))
            }
        }
        #expect(error?.reason == "given twice, or out of (territory, period) order")
        #expect(error?.description.hasPrefix("indicator pop, territory COM:1, period 2021: ") == true)
    }

    @Test func aRowPutsEachCellInItsSlotWithItsMethodNumber() {
        var row = PackedIndicatorRow()
        let head = Array("[1.5".utf8), tail = Array(",null,2.0]".utf8)
        head.withUnsafeBufferPointer { head in
            tail.withUnsafeBufferPointer { tail in
                row.append(slot: 2, head: head, method: 120, tail: tail)
                row.append(slot: 3, head: head, method: 0, tail: tail)
            }
        }
        row.finish()
        #expect(String(decoding: row.bytes, as: UTF8.self) == "[null,null,[1.5,120,null,2.0],[1.5,0,null,2.0]]")
    }

    @Test func aTerritoryTheRunDoesNotKnowIsRefused() throws {
        let value = IndicatorValue(territory: "COM:2", period: "2021", value: 1, status: "ok", method: "m")
        let error = #expect(throws: UnwritableValue.self) {
            try EncodedIndicator([value], of: "pop", territories: TerritoryIndex(codes: ["COM:1"]))
        }
        #expect(error?.reason == "not among the 1 territories of the run")
    }

    @Test func aCellHoldsItsMethodNumberBetweenItsValueAndTheRest() throws {
        let values = [
            IndicatorValue(territory: "COM:1", period: "2021", value: 2.5, status: "ok", numerator: 5, denominator: 2, method: "b"),
            IndicatorValue(territory: "COM:2", period: "2021", value: nil, status: "secret", method: "a"),
            IndicatorValue(territory: "COM:3", period: "2021", value: 1, status: "ok", method: "b"),
        ]
        let encoded = try EncodedIndicator(values, of: "taux", territories: TerritoryIndex(codes: ["COM:1", "COM:2", "COM:3"]))
        #expect(encoded.methods == ["b", "a"] && encoded.withheld == 1)
        let parts = encoded.cells.map { (String(decoding: encoded.bytes[$0.head], as: UTF8.self), $0.method,
                                         String(decoding: encoded.bytes[$0.tail], as: UTF8.self)) }
        #expect(parts.map(\.0) == ["[2.5", "[\"secret\"", "[1.0"])
        #expect(parts.map(\.1) == [0, 1, 0])
        #expect(parts.map(\.2) == [",5.0,2.0]", "]", "]"])
        #expect(encoded.cells.map(\.territory) == [0, 1, 2])
    }
}
