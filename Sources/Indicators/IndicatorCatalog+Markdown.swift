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

            ## How sure a figure is

            A value is stored with a status, and only `ok` and `partial` values are shown as figures.

            - **Completeness.** `normalise` gives every territory above the commune its full membership, the
              largest count any loaded reference gives: the EPCI list's `NB_COM` and the composition file, the
              number of communes INSEE publishes per département and région with the populations légales
              (`NBCOM`), the COG, for France the régions' `NBCOM` added up, for a zone its declared communes
              (`v_territory_completeness`). Coverage is measured against it: communes missing from the
              geography count as not contributing, each weighing the mean population of those present (the
              Métropole Européenne de Lille with 5 of its 95 communes has at most 5/95).
            - **Floors.** Under the indicator's minimum coverage (0.9 unless it declares `min_coverage`) the
              value is `insufficient-coverage` (*couverture insuffisante*): kept in `unpublished_value`, not
              shown as a fact. A territory with communes missing is held to at least 0.9 whatever the
              indicator declares; above that its value is `partial`, shown with its status and coverage.
              Above the commune, a value INSEE publishes (populations légales, Filosofi) wins over the sum of
              the communes, which stays beside it in `v_reconciliation`.
            - **Small counts.** Every ratio and grouped median declares `min_denominator`, the smallest count
              it is a fact over (11 households, persons, dwellings or diagnostics, in the spirit of INSEE's rule
              of 11 households; 0 for a denominator that is not a count, an area). Under it the value is
              `small-count` (*effectif trop faible*): kept in `unpublished_value`, never shown, ranked or used
              in a specificity index.
            - **Data-quality rules.** An indicator may declare `plausible: {min, max}` (a share in `%` is
              plausible from 0 to 100 without declaring it) and `max_yearly_change` (0.2: 20 % a year
              between two periods of a territory). A value that breaks one is an alert (table `alerts`,
              logged with the files behind it; `run --fail-on-alert` exits with 4); the value is kept as
              computed. `tolerance` (0.001 by default) is the relative change between two computes under
              which a value counts as unchanged in run summaries.
            - **Estimates.** An estimate says how much of it was not observed (`estimated_share`): the share of
              the territory's weight whose communes are missing or have no value, plus the share imputed (a
              secret poverty rate imputed from the median). Portraits show it next to the value.

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
                     indicator.minDenominator.map { "Minimum denominator \(IndicatorDefinition.format($0))." },
                     indicator.plausibleRange.map { range in
                         "Plausible \(range.min.map(IndicatorDefinition.format) ?? "−∞") to \(range.max.map(IndicatorDefinition.format) ?? "∞")."
                     },
                     indicator.maxYearlyChange.map { "At most \(IndicatorDefinition.format($0 * 100)) % change a year." },
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
