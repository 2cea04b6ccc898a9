import Indicators

/// A value that breaks a data-quality rule of its indicator: outside its plausible values,
/// or changed more in a year than it plausibly can. An alert does not change the value: it
/// is written to `alerts`, logged, and makes `run --fail-on-alert` fail.
struct QualityAlert: Sendable, Equatable {
    enum Rule: String, Sendable {
        case plausibleRange = "plausible-range"
        case yearlyChange = "yearly-change"
    }

    let indicator: String
    let territory: String
    let period: String
    let value: Double
    let rule: Rule
    let detail: String

    /// The alerts among one indicator's values (every period, in period then territory
    /// order), for the values shown as figures (`ok`, `partial`).
    static func check(_ values: [IndicatorValue], of indicator: IndicatorDefinition) -> [QualityAlert] {
        let range = indicator.plausibleRange
        guard range != nil || indicator.maxYearlyChange != nil else { return [] }
        var alerts: [QualityAlert] = []
        var previous: [String: (year: Int, value: Double)] = [:]
        for value in values {
            guard let figure = value.value ?? (value.status == IndicatorValue.Publication.partial ? value.kept : nil) else { continue }
            func alert(_ rule: Rule, _ detail: String) {
                alerts.append(QualityAlert(indicator: indicator.id, territory: value.territory, period: value.period, value: figure,
                                           rule: rule, detail: detail))
            }
            if let range {
                if let low = range.min, figure < low { alert(.plausibleRange, "\(figure) is below the plausible minimum \(low)") }
                if let high = range.max, figure > high { alert(.plausibleRange, "\(figure) is above the plausible maximum \(high)") }
            }
            guard let limit = indicator.maxYearlyChange, let year = Int(value.period) else { continue }
            if let before = previous[value.territory], before.value != 0, year > before.year {
                let change = abs(figure / before.value - 1) / Double(year - before.year)
                if change > limit {
                    alert(.yearlyChange, "\(before.value) in \(before.year), \(figure) in \(year): "
                        + "\(Int((change * 100).rounded())) % a year, more than \(Int((limit * 100).rounded())) %")
                }
            }
            previous[value.territory] = (year, figure)
        }
        return alerts
    }
}
