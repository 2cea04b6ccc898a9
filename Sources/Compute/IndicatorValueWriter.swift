import GRDB
import Warehouse

/// Writes the values of `compute` to `indicator_values`, many rows per INSERT statement:
/// all of France is over a million values, and one statement per value took most of the
/// stage. `flush()` writes what is held back; `compute` calls it before reading anything
/// it wrote. `OR FAIL`, with foreign keys deferred (`ComputeJob`): nothing can stop a
/// statement half-way that SQLite would have to undo, so it writes no statement journal.
final class IndicatorValueWriter {
    /// 512 rows of 14 values: 7,168 parameters, within SQLite's limit of 32,766.
    static let rowsPerStatement = 512

    private let geography: Int
    private let runID: Int64
    private let insert: BatchedInsert
    private var pending: [(indicator: String, value: IndicatorValue)] = []

    init(geography: Int, runID: Int64, _ db: Database) throws {
        self.geography = geography
        self.runID = runID
        insert = try BatchedInsert(db, prefix: """
            INSERT OR FAIL INTO indicator_values (geography, indicator_id, territory, period, value, status, coverage,
                                          numerator, denominator, estimate, method, derived, flags, run_id) VALUES
            """, columns: 14, rowsPerStatement: Self.rowsPerStatement)
        pending.reserveCapacity(Self.rowsPerStatement)
    }

    func write(_ value: IndicatorValue, of indicator: String) throws {
        pending.append((indicator, value))
        if pending.count == Self.rowsPerStatement { try flush() }
    }

    func flush() throws {
        try insert.write(count: pending.count) { index, insert, parameter in
            let (indicator, value) = pending[index]
            insert.bind(parameter, Int64?(Int64(geography)))
            insert.bind(parameter + 1, indicator)
            insert.bind(parameter + 2, value.territory)
            insert.bind(parameter + 3, value.period)
            insert.bind(parameter + 4, value.value)
            insert.bind(parameter + 5, value.status)
            insert.bind(parameter + 6, value.coverage)
            insert.bind(parameter + 7, value.numerator)
            insert.bind(parameter + 8, value.denominator)
            insert.bind(parameter + 9, Int64?(value.estimate ? 1 : 0))
            insert.bind(parameter + 10, value.method)
            insert.bind(parameter + 11, value.derived)
            insert.bind(parameter + 12, value.flags)
            insert.bind(parameter + 13, Int64?(runID))
        }
        pending.removeAll(keepingCapacity: true)
    }
}
