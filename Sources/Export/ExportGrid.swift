/// An export laid out as a grid of cells, long or wide, shared by the CSV and XLSX
/// writers. A cell is text or a number; a value that is not `ok` is its status, never a
/// number.
struct ExportGrid {
    let header: [String]
    let rows: [[SheetCell]]

    init(_ table: ExportTable) {
        if table.request.wide {
            (header, rows) = Self.wide(table)
        } else {
            header = ExportTable.columns
            rows = table.rows.map { row in
                [.text(row.territoryCode), .text(row.territoryLevel), .text(row.territoryName), .text(row.indicator), .text(row.label),
                 .text(row.period), row.value.map(SheetCell.number) ?? .empty, .text(row.unit), .text(row.status),
                 row.coverage.map(SheetCell.number) ?? .empty, .text(row.estimate ? "1" : "0"), .text(row.method),
                 row.flags.map(SheetCell.text) ?? .empty]
            }
        }
    }

    /// One row per territory; one column per indicator and period, headed
    /// `taux_pauvrete 2021 (%)`; non-ok values show their status.
    private static func wide(_ table: ExportTable) -> ([String], [[SheetCell]]) {
        var columns: [String] = []
        var units: [String: String] = [:]
        for row in table.rows {
            let key = "\(row.indicator) \(row.period)"
            if !columns.contains(key) { columns.append(key) }
            units[key] = row.unit
        }
        columns.sort { lhs, rhs in
            let order = table.request.indicators
            let (l, r) = (lhs.split(separator: " "), rhs.split(separator: " "))
            return (order.firstIndex(of: String(l[0])) ?? 0, l[1]) < (order.firstIndex(of: String(r[0])) ?? 0, r[1])
        }
        var territories: [String] = []
        var byTerritory: [String: (level: String, name: String, cells: [String: SheetCell])] = [:]
        for row in table.rows {
            if byTerritory[row.territoryCode] == nil {
                territories.append(row.territoryCode)
                byTerritory[row.territoryCode] = (row.territoryLevel, row.territoryName, [:])
            }
            byTerritory[row.territoryCode]!.cells["\(row.indicator) \(row.period)"] = row.value.map(SheetCell.number) ?? .text(row.status)
        }
        let header = ["territory_code", "territory_level", "territory_name"] + columns.map { "\($0) (\(units[$0] ?? ""))" }
        let rows = territories.map { code in
            let entry = byTerritory[code]!
            return [.text(code), .text(entry.level), .text(entry.name)] + columns.map { entry.cells[$0] ?? .empty }
        }
        return (header, rows)
    }
}
