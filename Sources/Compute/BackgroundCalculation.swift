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
            self.values = Self.inPeriodOrder(calculators.map { ($0.period, $0.compute()) })
            self.done.signal()
        }
    }

    /// The values of every period, once they are all computed.
    func wait() -> [IndicatorValue] {
        done.wait()
        return values
    }

    /// Period after period, each in territory order: `IndicatorValueWriter` gives the
    /// periods of an indicator their slots in period order, and appends each territory's
    /// values in slot order.
    static func inPeriodOrder(_ periods: [(period: String, values: [IndicatorValue])]) -> [IndicatorValue] {
        guard periods.count > 1 else { return periods.first?.values ?? [] }
        return periods.sorted { $0.period < $1.period }.flatMap(\.values)
    }
}
