import Output

/// A portrait as a grid, one row per section × indicator with the territory's and the
/// references' values, for CSV and XLSX. A value column holds a number or nothing; beside
/// it a status column says `ok`, `secret statistique`, `effectif trop faible` … in French.
/// Column `notes` gives the numbers of the notes of each territory's value
/// (`DEP:62 : 1, 2`), listed in the metadata beside the grid as in the other formats.
struct PortraitGrid {
    /// Each column's id (plain CSV) and French label (workbooks, French Excel CSV).
    let ids: [String]
    let labels: [String]
    /// Rows by section title, in order.
    let sections: [(title: String, rows: [[SheetCell]])]

    /// - Parameter withSection: a first column naming the section (CSV: one table).
    init(_ portrait: Portrait, _ view: PortraitView, withSection: Bool) {
        let territories = [portrait.subject] + portrait.references
        let columns: [(id: String, label: String)] = (withSection ? [("section", "Section")] : [])
            + [("indicator_id", "Indicateur"), ("label", "Libellé"), ("unit", "Unité"), ("period", "Période")]
            + territories.flatMap { [($0.label, $0.label), ($0.label + " status", "Statut : " + $0.label)] }
            + [("evolution", "Évolution"), ("previous_period", "Période précédente"), ("rank", "Rang"), ("rank_of", "Sur"),
               ("rank_scope", "Périmètre du rang"), ("specificity", "Spécificité"), ("notes", "Notes")]
        ids = columns.map(\.id)
        labels = columns.map(\.label)
        sections = zip(portrait.sections, view.sections).map { section, shown in
            (section.title, zip(section.entries, shown.lines).map { entry, line in
                let values = [entry.subject] + entry.references
                let cellNotes = zip(territories, [line.subject] + line.references).compactMap { territory, cell in
                    cell.marks.map { "\(territory.id) : \($0)" }
                }
                let indicator = entry.indicator
                let first: [SheetCell] = withSection ? [.text(section.title)] : []
                return first + [.text(indicator.id), .text(indicator.label), .text(indicator.unit), Self.period(entry.period)]
                    + values.flatMap { Self.cells($0, indicator) }
                    + [entry.evolution.map { Self.number($0, indicator) } ?? .empty, entry.previousPeriod.map(Self.period) ?? .empty,
                       entry.rank.map { .number(Double($0.position)) } ?? .empty, entry.rank.map { .number(Double($0.count)) } ?? .empty,
                       entry.rank.map { .text($0.scopeID) } ?? .empty, entry.specificity.map { .formatted($0, format: "0.00") } ?? .empty,
                       cellNotes.isEmpty ? .empty : .text(cellNotes.joined(separator: " ; "))]
            })
        }
    }

    /// The value (a number or nothing) and its status in French; nothing at all where there is no value.
    static func cells(_ value: Portrait.Value?, _ indicator: Portrait.Indicator) -> [SheetCell] {
        guard let value else { return [.empty, .empty] }
        return [value.value.map { number($0, indicator) } ?? .empty, .text(StatusLabel.french(value.status))]
    }

    private static func number(_ value: Double, _ indicator: Portrait.Indicator) -> SheetCell {
        .formatted(value, format: NumberFormat.excel(unit: indicator.unit, decimals: indicator.isCount ? 0 : indicator.decimals))
    }

    /// A year as a number; a span of years (`2015-2021`) as it is.
    private static func period(_ period: String) -> SheetCell {
        Int(period).map { .number(Double($0)) } ?? .text(period)
    }

    /// The member communes: code, name, then per member indicator its value and status.
    static func members(_ portrait: Portrait) -> (header: [String], rows: [[SheetCell]]) {
        (["Code", "Commune"] + portrait.memberIndicators.flatMap { ["\($0.label) (\($0.unit))", "Statut : \($0.label)"] },
         portrait.members.map { member in
             [.code(member.territory.code), .text(member.territory.name)]
                 + zip(member.values, portrait.memberIndicators).flatMap { cells($0, $1) }
         })
    }
}
