import Pipeline

/// What `status` shows: the runs, the sources loaded, and how sure the figures of each
/// geography are.
struct StatusPresenter {
    let console: Console

    func present(_ status: WarehouseStatus) {
        console.show("runs (most recent first):")
        for entry in status.runs {
            let run = entry.run
            console.show("  \(run.id)  \(run.status.padding(toLength: 10, withPad: " ", startingAt: 0)) \(run.startedAt)  \(run.command)")
            if let message = run.message { console.show("      \(message)") }
            for stage in entry.stages { console.show("      \(stage)") }
        }
        console.show("sources (files currently loaded):")
        for source in status.sources {
            console.show("  \(source.source.padding(toLength: 42, withPad: " ", startingAt: 0)) vintage \(source.latestVintage), "
                + "\(source.files) file\(source.files == 1 ? "" : "s"), loaded \(source.loadedAt)"
                + (source.rowsRejected > 0 ? ", \(source.rowsRejected) rows rejected" : ""))
        }
        for figures in status.figures {
            let total = figures.statuses.reduce(0) { $0 + $1.values }
            console.show("figures of geography \(figures.geography): \(total) values: "
                + figures.statuses.map { "\($0.values) \($0.status)" }.joined(separator: ", "))
            console.show("  partial, insufficient-coverage and small-count values are kept, not published as facts (docs/indicators.md#how-sure-a-figure-is); "
                + "\(figures.partialTerritories) territories have communes missing (v_territory_completeness)")
        }
    }
}
