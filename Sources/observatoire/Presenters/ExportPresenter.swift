import Export

/// What `export` wrote, and a warning for each indicator asked for that has no value: the
/// file says why too, but a table missing a column must not pass unnoticed.
struct ExportPresenter {
    let console: Console

    func present(_ table: ExportTable, scope: String, output: String) {
        warnNotComputed(table.missing, scope: scope)
        let written = table.writtenIndicators.count
        let notComputed = table.missing.isEmpty ? "" : " (\(table.missing.count) not computed: \(table.missing.map(\.indicator).joined(separator: ", ")))"
        console.say("\(table.rows.count) values of \(written) indicator\(written == 1 ? "" : "s")\(notComputed) for "
            + "\(Set(table.rows.map(\.territoryCode)).count) territories (\(scope)) → \(output)")
        if !table.withoutContour.isEmpty {
            console.warn("warning: \(table.withoutContour.count) territories have no contour in the warehouse and are written without geometry "
                + "(\(table.withoutContour.prefix(5).joined(separator: ", "))\(table.withoutContour.count > 5 ? ", …" : "")): "
                + "ingest a contours layer that covers them (docs/maps.md) and normalise again")
        }
    }

    func warnNotComputed(_ missing: [ExportTable.Missing], scope: String) {
        for missing in missing {
            console.warn("warning: \(missing.indicator) not computed for \(scope): \(missing.reason)")
        }
    }
}
