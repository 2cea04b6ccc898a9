import Foundation
import Territories
import Warehouse

/// A portrait formatted for reading: French numbers, symbols for values that are not
/// `ok`, numbered notes, rank phrases. The Mustache templates render it, and the CSV and
/// XLSX writers take their notes and sources from it, so every format says the same.
struct PortraitView {
    /// A value as shown, with the numbers of its notes (`1, 3`), if any.
    struct Cell {
        let text: String
        let marks: String?
        /// `text` as a narrow HTML column may break it (see `breakable`).
        let breakableText: String

        init(text: String, marks: String?) {
            self.text = text
            self.marks = marks
            breakableText = PortraitView.breakable(text)
        }
    }

    struct Line {
        let indicator: String
        let label: String
        let unit: String
        let period: String
        let subject: Cell
        let references: [Cell]
        let evolution: String?
        /// `evolution` as a narrow HTML column may break it.
        let breakableEvolution: String?
        let rank: String?
        let specificity: String?
        let highlighted: Bool
    }

    struct Section {
        let title: String
        let anchor: String
        let lines: [Line]
        /// Inline SVG, HTML only.
        let chart: String?
    }

    struct Place {
        let kind: String
        let name: String
        let id: String
    }

    struct Highlight {
        let label: String
        let specificity: String
        let subjectValue: String
        let referenceValue: String
    }

    struct MemberCell {
        let text: String
        /// The number to sort by (empty for values that are not `ok`).
        let sortKey: String
    }

    /// A map: inline SVG in HTML; in Markdown, the SVG file written beside, when there is one.
    struct MapView {
        let title: String
        let svg: String
        let file: String?
    }

    struct MemberLine {
        let name: String
        let code: String
        let cells: [MemberCell]
    }

    let title: String
    let name: String
    let id: String
    let code: String
    let kind: String
    let geography: String
    let population: String?
    let communes: String?
    let parents: [Place]
    let references: [Place]
    let specificityReference: String?
    let highlights: [Highlight]
    let hasHighlights: Bool
    let sections: [Section]
    let memberHeaders: [String]
    let members: [MemberLine]
    let hasMembers: Bool
    let maps: [MapView]
    let hasMaps: Bool
    let notes: [Footnotes.Note]
    let sources: [String]
    /// `Produit le 2026-12-07 18:40 UTC par observatoire 0.35.0, exécution n° 12`.
    let production: String
    /// The version of Observatoire that made the portrait.
    let software: String

    /// - Parameter mapFiles: the file names of the maps written beside a Markdown portrait,
    ///   in the order of `portrait.maps`; a Markdown portrait without them shows no map.
    init(_ portrait: Portrait, mapFiles: [String]? = nil) {
        var footnotes = Footnotes()
        let subject = portrait.subject
        title = portrait.title
        name = subject.name
        id = subject.id
        code = subject.code
        kind = Self.kind(of: subject)
        geography = "COG \(portrait.geography)"
        population = portrait.population.map { population in
            Self.cell(population.value, unit: "habitants", count: true, &footnotes, portrait).text + " (\(population.period))"
        }
        communes = ["COM", "ARM"].contains(subject.level) ? nil : "\(portrait.communeCount) commune\(portrait.communeCount == 1 ? "" : "s")"
        parents = portrait.parents.map { Place(kind: Self.kind(of: $0), name: $0.name, id: $0.id) }
        references = portrait.references.map { Place(kind: Self.kind(of: $0), name: $0.name, id: $0.id) }
        specificityReference = portrait.references.first?.name
        sections = portrait.sections.enumerated().map { index, section in
            let lines = section.entries.map { entry in
                let unit = entry.indicator.unit
                let evolution = both(entry.evolution, entry.previousPeriod).map { change, since in
                    FrenchNumber.change(change, unit: unit, count: entry.indicator.isCount) + " depuis \(since)"
                }
                return Line(
                    indicator: entry.indicator.id, label: entry.indicator.label, unit: unit, period: entry.period,
                    subject: Self.cell(entry.subject, unit: unit, count: entry.indicator.isCount, &footnotes, portrait),
                    references: entry.references.map { value in
                        value.map { Self.cell($0, unit: unit, count: entry.indicator.isCount, &footnotes, portrait) } ?? Cell(text: "", marks: nil)
                    },
                    evolution: evolution, breakableEvolution: evolution.map(Self.breakable),
                    rank: entry.rank.map(Self.phrase),
                    specificity: entry.specificity.map { FrenchNumber.format($0, decimals: 2) },
                    highlighted: entry.highlighted)
            }
            let chart = section.chart.flatMap { id in section.entries.first { $0.indicator.id == id } }.map { entry in
                BarChart(title: entry.indicator.label + " (\(entry.period))", unit: entry.indicator.unit, bars:
                    [(subject.name, entry.subject.value, true)] + zip(portrait.references, entry.references).map { ($0.name, $1?.value, false) },
                    symbols: ([entry.subject] + entry.references).map { Self.symbol(of: $0?.status ?? "missing").symbol }
                ).svg
                // Where several periods exist, the territory's own series beside the comparison.
                + (entry.history.count > 1
                    ? BarChart(title: "\(entry.indicator.label) : \(subject.name), période par période", unit: entry.indicator.unit,
                               bars: entry.history.map { ($0.period, $0.value, $0.period == entry.period) }).svg
                    : "")
            }
            return Section(title: section.title, anchor: "section-\(index + 1)", lines: lines, chart: chart)
        }
        highlights = portrait.entries.compactMap { entry -> (Double, Highlight)? in
            guard entry.highlighted, let ratio = entry.specificity, let value = entry.subject.value,
                  let base = entry.references.first??.value else { return nil }
            let unit = entry.indicator.unit
            return (abs(ratio - 1), Highlight(label: entry.indicator.label, specificity: FrenchNumber.format(ratio, decimals: 2),
                                              subjectValue: FrenchNumber.format(value, unit: unit), referenceValue: FrenchNumber.format(base, unit: unit)))
        }.sorted { $0.0 > $1.0 }.map(\.1)
        hasHighlights = !highlights.isEmpty
        memberHeaders = portrait.memberIndicators.map { "\($0.label) (\($0.unit))" }
        members = portrait.members.map { member in
            MemberLine(name: member.territory.name, code: member.territory.code, cells: zip(portrait.memberIndicators, member.values).map { indicator, value in
                let text = value.map { Self.cell($0, unit: indicator.unit, count: indicator.isCount, &footnotes, portrait).text } ?? ""
                return MemberCell(text: text, sortKey: value?.value.map { String($0) } ?? "")
            })
        }
        hasMembers = !members.isEmpty
        maps = portrait.maps.enumerated().map { index, map in MapView(title: map.title, svg: map.svg, file: mapFiles?[index]) }
        hasMaps = !maps.isEmpty
        notes = footnotes.all
        sources = portrait.sources.map(Self.sourceLine)
        production = Self.productionLine(portrait.production)
        software = portrait.production.software
    }

    /// `Produit le 2026-12-07 18:40 UTC par observatoire 0.35.0, exécution n° 12`: when (in
    /// UTC), by which version and in which run (`report_portrait.run_id`) the portrait was made.
    static func productionLine(_ production: Portrait.Production) -> String {
        "Produit le \(utc(production.date)) UTC par observatoire \(production.software), exécution n° \(production.runID)"
    }

    /// `2026-12-07 18:40`: the date and time in UTC, whatever the machine's time zone.
    static func utc(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0, parts.minute ?? 0)
    }

    /// `1 337 151 habitants` with a plain space before a unit in words, where a narrow
    /// column may break the line rather than inside the word; the no-break space stays
    /// before a symbol (`32,0 %`, `17 250 €`), and thousands are never split.
    static func breakable(_ text: String) -> String {
        var result = ""
        var previous: Character?
        for character in text {
            if previous == "\u{00A0}", character.isLetter {
                result.removeLast()
                result.append(" ")
            }
            result.append(character)
            previous = character
        }
        return result
    }

    /// A value as text: the number with its unit when `ok`, else its symbol, explained in
    /// the notes; estimates and known issues get a numbered note.
    static func cell(_ value: Portrait.Value, unit: String, count: Bool, _ footnotes: inout Footnotes, _ portrait: Portrait) -> Cell {
        guard let number = value.value else {
            let (symbol, meaning) = Self.symbol(of: value.status)
            footnotes.explain(symbol, meaning)
            return Cell(text: symbol, marks: nil)
        }
        var marks: [String] = []
        if value.status == "partial" {
            let members = both(value.communes, value.communesExpected).map { " (\($0) communes sur \($1))" } ?? ""
            marks.append(footnotes.mark("partiel : territoire incomplet\(members), chiffre des seules communes chargées"
                + (value.coverage.map { ", couverture " + FrenchNumber.percent($0) } ?? "")))
        }
        if value.estimate {
            let share = value.estimatedShare.map { ", dont " + FrenchNumber.percent($0) + " du poids estimé (imputé ou extrapolé)" } ?? ""
            marks.append(footnotes.mark("estimation" + (value.coverage.map { ", couverture " + FrenchNumber.percent($0) } ?? "") + share))
        }
        for flag in (value.flags ?? "").split(separator: ";") {
            let words = flag.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "known issue ", with: "")
            let issue = String(words.prefix { $0 != " " })
            marks.append(footnotes.mark("problème connu de la source (\(issue)) : " + (portrait.knownIssues[issue] ?? "voir pipelines/known-issues.yaml")))
        }
        // How much of an estimate was not observed stands next to it, not only in a note.
        let estimated = value.estimatedShare.map { " · " + FrenchNumber.percent($0) + " estimé" } ?? ""
        return Cell(text: FrenchNumber.format(number, unit: unit, count: count) + estimated, marks: marks.isEmpty ? nil : marks.joined(separator: ", "))
    }

    /// The symbol of a value that is not a figure, and what it means (explained in the notes).
    static func symbol(of status: String) -> (symbol: String, meaning: String) {
        switch status {
        case "secret": ("s", "secret statistique")
        case "not-applicable": ("so", "sans objet")
        case "insufficient-coverage": ("ci", "couverture insuffisante : les communes qui ont une valeur pèsent trop peu dans le territoire entier pour que le chiffre soit publié")
        case "small-count": ("ef", "effectif trop faible : calculé sur trop peu de cas (moins de 11 ménages, diagnostics ou personnes) pour être un fait")
        default: ("nd", "non disponible")
        }
    }

    /// `3e sur 36 communes de Communauté d'agglomération de Lens - Liévin`.
    static func phrase(_ rank: Portrait.Rank) -> String {
        let peers = switch rank.level {
        case "COM": "communes"
        case "ARM": "arrondissements"
        case "DEP": "départements"
        case "REG": "régions"
        default: rank.level
        }
        return "\(FrenchNumber.ordinal(rank.position)) sur \(rank.count) \(peers) de \(rank.scope.name)"
    }

    /// `Commune`, `EPCI (CA)`, `Département` …
    static func kind(of territory: Territory) -> String {
        switch territory.level {
        case "COM": "Commune"
        case "ARM": "Arrondissement municipal"
        case "EPCI": "EPCI" + (territory.detail.map { " (\($0))" } ?? "")
        case "DEP": "Département"
        case "REG": "Région"
        case "FR": "France"
        case "ZONE": "Zone"
        default: territory.level
        }
    }

    /// `Filosofi 2021 … (INSEE-DGFiP-…), millésime 2021 : cc_filosofi_2021_COM.csv`.
    static func sourceLine(_ source: Portrait.Source) -> String {
        source.label + (source.publisher.map { " (\($0))" } ?? "") + ", millésime \(source.vintage) : " + source.files.joined(separator: ", ")
    }
}

/// Both values, or nothing.
private func both<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
    guard let a, let b else { return nil }
    return (a, b)
}
