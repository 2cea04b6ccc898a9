import Foundation

/// The values of one indicator's calculators, computed and encoded on another thread
/// while this one writes the previous indicator's: calculating and encoding are pure and
/// in memory, writing is SQLite on the transaction's thread.
final class BackgroundCalculation: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    /// Written once by the calculating thread before `done` is signalled, read after.
    private var result: Result<EncodedIndicator, UnwritableValue>?
    private var alerts: [QualityAlert] = []

    init(_ calculators: [IndicatorCalculator], of indicator: String, territories: TerritoryIndex) {
        DispatchQueue.global(qos: .userInitiated).async {
            let values = Self.inPeriodOrder(calculators.map { ($0.period, $0.compute()) })
            self.alerts = calculators.first.map { QualityAlert.check(values, of: $0.indicator) } ?? []
            self.result = Result { () throws(UnwritableValue) in try EncodedIndicator(values, of: indicator, territories: territories) }
            self.done.signal()
        }
    }

    /// The values of every period, encoded, and the alerts among them, once they are all computed.
    func wait() throws(UnwritableValue) -> (encoded: EncodedIndicator, alerts: [QualityAlert]) {
        done.wait()
        return (try result!.get(), alerts)
    }

    /// Period after period, each in territory order: `EncodedIndicator` gives the periods
    /// of an indicator in period order, and `IndicatorValueWriter` appends each
    /// territory's values in slot order.
    static func inPeriodOrder(_ periods: [(period: String, values: [IndicatorValue])]) -> [IndicatorValue] {
        guard periods.count > 1 else { return periods.first?.values ?? [] }
        return periods.sorted { $0.period < $1.period }.flatMap(\.values)
    }
}
