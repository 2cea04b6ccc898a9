import Foundation

/// The values of one indicator's calculators, computed on another thread while this one
/// writes the previous indicator's: calculating is pure and in memory, writing is SQLite
/// on the transaction's thread, and each took about half of `compute` on all of France.
final class BackgroundCalculation: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    /// Written once by the calculating thread before `done` is signalled, read after.
    private var values: [IndicatorValue] = []

    init(_ calculators: [IndicatorCalculator]) {
        DispatchQueue.global(qos: .userInitiated).async {
            self.values = Self.inKeyOrder(calculators.map { $0.compute() })
            self.done.signal()
        }
    }

    /// The values of every period, once they are all computed, by territory then period:
    /// the order of `indicator_values`' key, so that each row is appended to the table's
    /// last page. Written period after period, each period's rows went between those of
    /// the one before, splitting pages all over the indicator (a quarter more time).
    func wait() -> [IndicatorValue] {
        done.wait()
        return values
    }

    /// Each calculator's values are sorted by territory; periods are sorted within one.
    /// Both compare as SQLite's binary collation does (codes and periods are ASCII).
    static func inKeyOrder(_ periods: [[IndicatorValue]]) -> [IndicatorValue] {
        guard periods.count > 1 else { return periods.first ?? [] }
        return periods.joined().sorted { ($0.territory, $0.period) < ($1.territory, $1.period) }
    }
}
