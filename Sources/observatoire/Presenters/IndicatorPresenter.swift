import Indicators

/// An indicator's definition as `indicators show` and `indicators list` print it.
struct IndicatorPresenter {
    let console: Console

    func present(_ indicator: IndicatorDefinition) {
        console.show("\(indicator.id) — \(indicator.label)")
        console.show("  theme: \(indicator.theme ?? "-")   unit: \(indicator.unit)   aggregation: \(indicator.aggregation.rawValue)")
        console.show("  formula: \(indicator.formula)")
        console.show("  variables: \(indicator.variables.joined(separator: ", "))   ({yy}: two-digit census year)")
        if let sources = indicator.sources { console.show("  sources: \(sources.joined(separator: ", "))") }
        console.show("  minimum coverage above the commune: \(indicator.minCoverage ?? 0.9)")
        if let notes = indicator.notes { console.show("  notes: \(notes)") }
    }

    /// One tab-separated line per indicator: id, label, theme, unit, sources (or variables).
    func list(_ indicators: [IndicatorDefinition]) {
        for indicator in indicators {
            let sources = indicator.sources?.joined(separator: ", ") ?? indicator.variables.joined(separator: ", ")
            console.show([indicator.id, indicator.label, indicator.theme ?? "", indicator.unit, sources].joined(separator: "\t"))
        }
    }
}
