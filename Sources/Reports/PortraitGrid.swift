import Export

/// A portrait as a grid, one row per section × indicator with the territory's and the
/// references' values (numbers as numbers, other statuses as words), for CSV and XLSX.
/// Column `notes` gives the numbers of the notes of each territory's value
/// (`DEP:62 : 1, 2`), listed after the grid as in the other formats.
struct PortraitGrid {
    let header: [String]
    /// Rows by section title, in order.
    let sections: [(title: String, rows: [[SheetCell]])]

    /// - Parameter withSection: a first column naming the section (CSV: one table).
    init(_ portrait: Portrait, _ view: PortraitView, withSection: Bool) {
        let territories = [portrait.subject] + portrait.references
        header = (withSection ? ["section"] : []) + ["indicator_id", "label", "unit", "period"] + territories.map(\.label)
            + ["evolution", "previous_period", "rank", "rank_of", "rank_scope", "specificity", "notes"]
        sections = zip(portrait.sections, view.sections).map { section, shown in
            (section.title, zip(section.entries, shown.lines).map { entry, line in
                let values = [entry.subject] + entry.references
                let cellNotes = zip(territories, [line.subject] + line.references).compactMap { territory, cell in
                    cell.marks.map { "\(territory.id) : \($0)" }
                }
                let first: [SheetCell] = withSection ? [.text(section.title)] : []
                return first + [.text(entry.indicator.id), .text(entry.indicator.label), .text(entry.indicator.unit), .text(entry.period)]
                    + values.map(Self.cell)
                    + [entry.evolution.map(SheetCell.number) ?? .empty, entry.previousPeriod.map(SheetCell.text) ?? .empty,
                       entry.rank.map { .number(Double($0.position)) } ?? .empty, entry.rank.map { .number(Double($0.count)) } ?? .empty,
                       entry.rank.map { .text($0.scopeID) } ?? .empty, entry.specificity.map(SheetCell.number) ?? .empty,
                       cellNotes.isEmpty ? .empty : .text(cellNotes.joined(separator: " ; "))]
            })
        }
    }

    /// A number when `ok`, else the status; nothing where there is no value at all.
    static func cell(_ value: Portrait.Value?) -> SheetCell {
        guard let value else { return .empty }
        return value.value.map(SheetCell.number) ?? .text(value.status)
    }

    /// The member communes: code, name, then one column per member indicator.
    static func members(_ portrait: Portrait) -> (header: [String], rows: [[SheetCell]]) {
        (["code", "commune"] + portrait.memberIndicators.map { "\($0.id) (\($0.unit))" },
         portrait.members.map { member in [.text(member.territory.code), .text(member.territory.name)] + member.values.map(cell) })
    }
}
