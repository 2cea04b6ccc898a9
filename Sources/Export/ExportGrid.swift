import Output
/// An export laid out as a grid of cells, long or wide, shared by the writers. Every
/// column has an id (for scripts: plain CSV, JSON) and a French label (for people:
/// workbooks, French Excel CSV). A cell meant for a number holds a number or nothing; the
/// status of a value stands in a column of its own, in French when `french`.
struct ExportGrid {
    struct Column: Equatable {
        let id: String
        let label: String
    }

    let columns: [Column]
    let rows: [[SheetCell]]

    var ids: [String] { columns.map(\.id) }
    var labels: [String] { columns.map(\.label) }

    /// The long layout's columns, in order.
    static let longColumns = [
        Column(id: "territory_code", label: "Code du territoire"), Column(id: "territory_level", label: "Niveau"),
        Column(id: "territory_name", label: "Territoire"), Column(id: "indicator", label: "Indicateur"),
        Column(id: "label", label: "Libellé"), Column(id: "period", label: "Période"),
        Column(id: "period_start", label: "Début de période"), Column(id: "value", label: "Valeur"),
        Column(id: "unit", label: "Unité"), Column(id: "status", label: "Statut"), Column(id: "coverage", label: "Couverture"),
        Column(id: "communes", label: "Communes présentes"), Column(id: "communes_expected", label: "Communes du territoire"),
        Column(id: "estimate", label: "Estimation"), Column(id: "estimated_share", label: "Part estimée"),
        Column(id: "method", label: "Méthode"), Column(id: "flags", label: "Problèmes connus"),
    ]

    /// The territory columns both layouts start with.
    private static let territoryColumns = Array(longColumns.prefix(3))

    /// A share of 0…1, shown as a percentage.
    private static let shareFormat = "0%"

    init(_ table: ExportTable, french: Bool) {
        let status = { (code: String) in french ? StatusLabel.french(code) : code }
        let words = { (method: String) in french ? MethodLabel.french(method) : method }
        if table.request.wide {
            (columns, rows) = Self.wide(table, status: status)
            return
        }
        columns = Self.longColumns
        var rows = table.rows.map { row -> [SheetCell] in
            Self.identity(row.territoryCode, row.territoryLevel, row.territoryName) + [
                .text(row.indicator), .text(row.label), row.year.map { .number(Double($0)) } ?? .text(row.period),
                row.startYear.map { .number(Double($0)) } ?? .empty,
                row.value.map { .formatted($0, format: NumberFormat.excel(unit: row.unit, decimals: row.decimals)) } ?? .empty,
                .text(row.unit), .text(status(row.status)), row.coverage.map { .formatted($0, format: Self.shareFormat) } ?? .empty,
                row.communes.map { .number(Double($0)) } ?? .empty, row.communesExpected.map { .number(Double($0)) } ?? .empty,
                .text(french ? (row.estimate ? "oui" : "non") : (row.estimate ? "1" : "0")),
                row.estimatedShare.map { .formatted($0, format: Self.shareFormat) } ?? .empty,
                .text(words(row.method)), row.flags.map { .text(words($0)) } ?? .empty,
            ]
        }
        // An indicator asked for without a value: a row per territory saying why.
        for missing in table.missing {
            for territory in table.territories {
                rows.append(Self.identity(territory.code, territory.level, territory.name) + [
                    .text(missing.indicator), .text(missing.label), .empty, .empty, .empty, .text(missing.unit),
                    .text(status(StatusLabel.notComputed)), .empty, .empty, .empty, .empty, .empty, .text(missing.reason), .empty,
                ])
            }
        }
        self.rows = rows
    }

    private static func identity(_ code: String, _ level: String, _ name: String) -> [SheetCell] {
        [.code(code), .text(level), .text(name)]
    }

    /// One row per territory; per indicator and period a column of values headed
    /// `taux_pauvrete 2021` and one of statuses; per indicator without a value, a column
    /// giving the reason.
    private static func wide(_ table: ExportTable, status: (String) -> String) -> ([Column], [[SheetCell]]) {
        var keys: [String] = []
        var first: [String: ExportTable.Row] = [:]
        for row in table.rows {
            let key = "\(row.indicator) \(row.period)"
            if first[key] == nil {
                keys.append(key)
                first[key] = row
            }
        }
        let order = table.request.indicators
        keys.sort { lhs, rhs in
            let (l, r) = (first[lhs]!, first[rhs]!)
            return (order.firstIndex(of: l.indicator) ?? 0, l.period) < (order.firstIndex(of: r.indicator) ?? 0, r.period)
        }
        var cells: [String: [String: ExportTable.Row]] = [:]
        for row in table.rows { cells[row.territoryCode, default: [:]]["\(row.indicator) \(row.period)"] = row }
        var columns = territoryColumns
        for key in keys {
            let row = first[key]!
            columns.append(Column(id: key, label: "\(row.label) \(row.period) (\(row.unit))"))
            columns.append(Column(id: key + " status", label: "Statut : \(row.label) \(row.period)"))
        }
        for missing in table.missing {
            columns.append(Column(id: missing.indicator, label: "\(missing.label) (\(missing.unit)) : non calculé"))
        }
        let rows = table.territories.filter { cells[$0.code] != nil || !table.missing.isEmpty }.map { territory in
            identity(territory.code, territory.level, territory.name) + keys.flatMap { key -> [SheetCell] in
                guard let row = cells[territory.code]?[key] else { return [.empty, .empty] }
                return [row.value.map { .formatted($0, format: NumberFormat.excel(unit: row.unit, decimals: row.decimals)) } ?? .empty,
                        .text(status(row.status))]
            } + table.missing.map { .text($0.reason) }
        }
        return (columns, rows)
    }
}
