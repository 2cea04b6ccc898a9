extension IndicatorCatalog {
    /// The catalogue as a Markdown document (`docs/indicators.md`), grouped by theme.
    public func markdown() -> String {
        var text = """
            # Indicator catalogue

            Generated from `pipelines/indicators/` by `observatoire indicators catalogue`; do not edit by hand.
            `{yy}` in a variable code is the two-digit year of INSEE's codes (`P{yy}_POP` is `P21_POP` for the
            2021 census): every indicator is computed for every year the loaded data has.

            Aggregation: **stock** — sum over communes; **ratio** — Σ numerator / Σ denominator, never a mean
            of rates; **weighted_mean** — always an estimate; **non_aggregable** — only where a source publishes
            it, or by the declared estimate, with its coverage; **annual_growth** — average annual rate between
            two census years at least five years apart; **grouped_median** — the commune's median as published
            (or counted), above it the median of the communes' values counted by class, interpolated within its
            class (an estimate). A value over part of a territory's communes is an estimate, unless the
            indicator says that a commune without data has none to count ("partial coverage exact").

            """
        var themes: [String] = []
        for indicator in indicators where !themes.contains(indicator.theme ?? "") { themes.append(indicator.theme ?? "") }
        for theme in themes {
            text += "\n## \(theme)\n\n| id | label | unit | aggregation | formula | notes |\n|---|---|---|---|---|---|\n"
            for indicator in indicators where (indicator.theme ?? "") == theme {
                let cells = [
                    "`\(indicator.id)`", indicator.label, indicator.unit, indicator.aggregation.rawValue,
                    indicator.formula,
                    [indicator.notes, indicator.minCoverage.map { "minimum coverage \($0)." },
                     indicator.partialCoverage == .exact ? "Partial coverage exact: a commune without data has none to count." : nil]
                        .compactMap { $0 }.joined(separator: " "),
                ]
                text += "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }
                    .joined(separator: " | ") + " |\n"
            }
        }
        return text
    }
}
