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

    /// Each calculator's values come in territory order, by index in the run's
    /// `TerritoryIndex`, which is code order; periods are sorted within one territory.
    /// Both compare as SQLite's binary collation does (codes and periods are ASCII). The
    /// lists are merged, not sorted again: sorting by code, here and in each calculator,
    /// was a fifth of the calculation on all of France.
    static func inKeyOrder(_ periods: [(territories: [Int32], values: [IndicatorValue])]) -> [IndicatorValue] {
        guard periods.count > 1 else { return periods.first?.values ?? [] }
        var merged: [IndicatorValue] = []
        merged.reserveCapacity(periods.reduce(0) { $0 + $1.values.count })
        var next = [Int](repeating: 0, count: periods.count)
        while true {
            var first: Int?
            for list in periods.indices where next[list] < periods[list].values.count {
                guard let best = first else {
                    first = list
                    continue
                }
                let (candidate, leader) = (periods[list].territories[next[list]], periods[best].territories[next[best]])
                if candidate < leader || candidate == leader && periods[list].values[next[list]].period < periods[best].values[next[best]].period {
                    first = list
                }
            }
            guard let list = first else { return merged }
            merged.append(periods[list].values[next[list]])
            next[list] += 1
        }
    }
}
