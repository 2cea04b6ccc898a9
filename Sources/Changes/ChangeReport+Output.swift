import Foundation
import Output

extension ChangeReport {
    /// The values as a table, one row per change, beyond the tolerance first: for CSV.
    public var valueGrid: (header: [String], rows: [[SheetCell]]) {
        let header = ["geography", "indicator", "territory", "period", "change", "before", "before_status", "after", "after_status",
                      "absolute_change", "relative_change"]
        let rows = values.map { change -> [SheetCell] in
            [.number(Double(change.geography)), .text(change.indicator), .code(change.territory), .text(change.period),
             .text(change.kind.rawValue), Self.cell(change.before?.number), .text(change.before?.status ?? ""),
             Self.cell(change.after?.number), .text(change.after?.status ?? ""), Self.cell(change.absoluteChange),
             Self.cell(change.relativeChange)]
        }
        return (header, rows)
    }

    private static func cell(_ number: Double?) -> SheetCell { number.map(SheetCell.number) ?? .empty }

    /// The whole report as JSON, for scripts.
    public func json() throws -> Data {
        func figure(_ figure: ValueChange.Figure?) -> Any {
            guard let figure else { return NSNull() }
            return ["value": figure.value as Any? ?? NSNull(), "status": figure.status, "unpublished_value": figure.unpublished as Any? ?? NSNull()]
        }
        func state(_ state: FileChange.State?) -> Any {
            guard let state else { return NSNull() }
            return ["sha256": state.sha256, "rows_loaded": state.rowsLoaded, "rows_rejected": state.rowsRejected]
        }
        let document: [String: Any] = [
            "compared": description,
            "files": files.map { ["source": $0.source, "vintage": $0.vintage, "name": $0.name, "before": state($0.before), "after": state($0.after)] },
            "indicators_added": indicatorsAdded, "indicators_removed": indicatorsRemoved,
            "territories_added": territoriesAdded.map { ["geography": $0.geography, "territory": $0.territory, "name": $0.name, "movements": $0.movements] },
            "territories_removed": territoriesRemoved.map { ["geography": $0.geography, "territory": $0.territory, "name": $0.name, "movements": $0.movements] },
            "values_changed": values.count, "values_beyond_tolerance": beyondTolerance,
            "values": values.map {
                ["geography": $0.geography, "indicator": $0.indicator, "territory": $0.territory, "period": $0.period,
                 "change": $0.kind.rawValue, "before": figure($0.before), "after": figure($0.after),
                 "absolute_change": $0.absoluteChange as Any? ?? NSNull(), "relative_change": $0.relativeChange as Any? ?? NSNull()]
            },
            "alerts": alerts.map { ["run": $0.run, "indicator": $0.indicator, "territory": $0.territory, "period": $0.period,
                                    "value": $0.value, "detail": $0.detail, "files": $0.files as Any? ?? NSNull()] },
        ]
        return try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    }

    /// A summary for the terminal: counts, the files, then the `limit` largest value changes.
    public func summary(limit: Int) -> String {
        var lines = ["diff: \(description)"]
        lines.append("files: \(files.count) changed")
        for file in files {
            let before = file.before.map { "\($0.sha256.prefix(12))… \($0.rowsLoaded) rows, \($0.rowsRejected) rejected" } ?? "absent"
            let after = file.after.map { "\($0.sha256.prefix(12))… \($0.rowsLoaded) rows, \($0.rowsRejected) rejected" } ?? "absent"
            lines.append("  \(file.source) \(file.vintage) \(file.name): \(before) → \(after)")
        }
        lines.append("indicators: \(indicatorsAdded.count) added\(Self.list(indicatorsAdded)), \(indicatorsRemoved.count) removed\(Self.list(indicatorsRemoved))")
        lines.append("territories: \(territoriesAdded.count) added, \(territoriesRemoved.count) removed")
        for change in (territoriesAdded.map { ("+", $0) } + territoriesRemoved.map { ("-", $0) }).prefix(limit) {
            lines.append("  \(change.0) \(change.1.territory) \(change.1.name)" + (change.1.movements.isEmpty ? "" : ": " + change.1.movements.joined(separator: "; ")))
        }
        let counts = Dictionary(grouping: values, by: \.kind).mapValues(\.count)
        lines.append("values: \(values.count) differ, \(beyondTolerance) beyond tolerance (\(counts[.changed] ?? 0) changed, "
            + "\(counts[.status] ?? 0) status changes, \(counts[.added] ?? 0) added, \(counts[.removed] ?? 0) removed)")
        if !values.isEmpty {
            let rows = values.prefix(limit).map { change in
                [change.indicator, change.territory, change.period, Self.text(change.before), Self.text(change.after),
                 change.relativeChange.map { String(format: "%+.2f %%", $0 * 100) } ?? change.kind.rawValue]
            }
            lines += Self.table(["indicator", "territory", "period", "before", "after", "change"], rows).map { "  " + $0 }
            if values.count > limit { lines.append("  … \(values.count - limit) more (--format csv or json for all)") }
        }
        lines.append("alerts: \(alerts.count)")
        for alert in alerts.prefix(limit) {
            lines.append("  run \(alert.run) \(alert.indicator) \(alert.territory) \(alert.period): \(alert.detail)" + (alert.files.map { " (\($0))" } ?? ""))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func list(_ ids: [String]) -> String { ids.isEmpty ? "" : " (\(ids.prefix(5).joined(separator: ", "))\(ids.count > 5 ? ", …" : ""))" }

    private static func text(_ figure: ValueChange.Figure?) -> String {
        guard let figure else { return "absent" }
        let number = figure.number.map { String(format: "%.10g", $0) }
        return figure.status == "ok" ? number ?? "" : figure.status + (number.map { " (\($0))" } ?? "")
    }

    /// Columns padded to their widest cell.
    private static func table(_ header: [String], _ rows: [[String]]) -> [String] {
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        return ([header] + rows).map { row in
            zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces)
        }
    }
}
