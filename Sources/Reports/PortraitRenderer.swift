import Core
import Foundation
import Output

/// Renders portraits in every format: HTML and Markdown through the templates, CSV and
/// XLSX from the same grid. A file is written whole or not at all.
public struct PortraitRenderer: Sendable {
    public let templates: PortraitTemplates

    public init(templates: PortraitTemplates) {
        self.templates = templates
    }

    /// The portrait as text (HTML, Markdown, CSV); XLSX has no text form. A CSV is the grid
    /// alone, for French Excel when `excel` (see `CSVDocument`); its notes and sources are
    /// in the metadata written beside it (`write`).
    public func text(_ portrait: Portrait, format: PortraitFormat, excel: Bool = false) throws -> String {
        let view = PortraitView(portrait)
        switch format {
        case .html: return templates.html.render(view)
        case .md: return templates.markdown.render(view)
        case .csv: return String(decoding: csv(portrait, view, excel: excel), as: UTF8.self)
        case .xlsx: throw ObservatoireError(.report, "an XLSX portrait is a file: give --output")
        }
    }

    /// Writes the portrait; beside a CSV, `NAME.metadata.json`: its identity, notes,
    /// geography, sources, and when, by which version and run it was made.
    public func write(_ portrait: Portrait, format: PortraitFormat, to path: String, excel: Bool = false) throws {
        switch format {
        case .xlsx:
            try AtomicFile.write(to: path) { temporary in try xlsx(portrait, to: temporary.path) }
        case .csv:
            let view = PortraitView(portrait)
            try AtomicFile.write(to: path) { temporary in try csv(portrait, view, excel: excel).write(to: temporary) }
            let metadata: [String: Any] = ["identity": Self.identity(view), "notes": Self.trailer(view)]
            try AtomicFile.write(to: CSVDocument.sidecarPath(of: path)) { temporary in
                try JSONSerialization.data(withJSONObject: metadata, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
                    .write(to: temporary)
            }
        case .html:
            let text = try text(portrait, format: format)
            try AtomicFile.write(to: path) { temporary in try Data(text.utf8).write(to: temporary) }
        case .md:
            // The maps go beside the page as SVG files, which it links.
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
            let files = portrait.maps.map { "\(stem)-carte-\($0.indicator).svg" }
            for (map, file) in zip(portrait.maps, files) {
                try AtomicFile.write(to: folder.appendingPathComponent(file).path) { temporary in try Data(map.svg.utf8).write(to: temporary) }
            }
            let text = templates.markdown.render(PortraitView(portrait, mapFiles: files))
            try AtomicFile.write(to: path) { temporary in try Data(text.utf8).write(to: temporary) }
        }
    }

    /// `index.html` in `directory`: the page linking the portraits written there in `format`,
    /// a row per territory with the layout's member indicators, sortable (`PortraitIndex`).
    public func writeIndex(_ portraits: [Portrait], format: PortraitFormat, layout: PortraitLayout, scope: String,
                           in directory: String) throws -> String {
        let path = URL(fileURLWithPath: directory).appendingPathComponent("index.html").path
        let page = templates.index.render(PortraitIndex(portraits, format: format, indicators: layout.members, scope: scope))
        try AtomicFile.write(to: path) { temporary in try Data(page.utf8).write(to: temporary) }
        return path
    }

    /// `EPCI-246200364.html`: the id, with `-` for `:`.
    public static func fileName(of portrait: Portrait, format: PortraitFormat) -> String {
        portrait.subject.id.replacingOccurrences(of: ":", with: "-") + "." + format.rawValue
    }

    private func csv(_ portrait: Portrait, _ view: PortraitView, excel: Bool) -> Data {
        let grid = PortraitGrid(portrait, view, withSection: true)
        return CSVDocument(excel: excel).data(header: excel ? grid.labels : grid.ids, rows: grid.sections.flatMap(\.rows))
    }

    /// Sheet `Territoire` (identity, references, highlights), one sheet per section,
    /// `Communes` for an EPCI or zone, then `Notes et sources`.
    private func xlsx(_ portrait: Portrait, to path: String) throws {
        let view = PortraitView(portrait)
        let workbook = try XLSXWriter(path: path)
        try workbook.addLines("Territoire", Self.identity(view))
        let grid = PortraitGrid(portrait, view, withSection: false)
        for section in grid.sections {
            try workbook.addSheet(section.title, header: grid.labels, rows: section.rows)
        }
        if !portrait.members.isEmpty {
            let members = PortraitGrid.members(portrait)
            try workbook.addSheet("Communes", header: members.header, rows: members.rows)
        }
        try workbook.addLines("Notes et sources", Self.trailer(view))
        try workbook.close()
    }

    private static func identity(_ view: PortraitView) -> [String] {
        ["\(view.title) : \(view.name) (\(view.id))", "\(view.kind), géographie \(view.geography)"]
            + view.parents.map { "Appartient à : \($0.name) (\($0.id))" }
            + [view.population.map { "Population municipale : \($0)" }, view.communes.map { "Communes : \($0)" }].compactMap { $0 }
            + view.references.map { "Référence : \($0.name) (\($0.id))" }
            + view.highlights.map { "Spécificité : \($0.label) : indice \($0.specificity) (\($0.subjectValue) contre \($0.referenceValue) pour \(view.specificityReference ?? ""))" }
    }

    /// Notes, geography and sources, then when, by which version and run it was made.
    private static func trailer(_ view: PortraitView) -> [String] {
        view.notes.map { "\($0.mark) : \($0.text)" } + ["Géographie : \(view.geography)"] + view.sources.map { "Source : \($0)" }
            + [view.production]
    }
}
