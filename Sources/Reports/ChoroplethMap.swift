import Cartography
import Foundation
import Output

/// A choropleth of territories as self-contained SVG: each area filled by the class of its
/// value, hatched under *secret statistique*, grey without a published value; outlines of
/// the larger territories (EPCI) over them; a legend giving each class's bounds in the
/// indicator's unit, in French, and how many areas it holds; each area's name and value in
/// a `<title>` a browser shows on hover. Geometry in Lambert-93 (metres, y to the north).
public struct ChoroplethMap: Sendable {
    public struct Area: Sendable {
        public var code: String
        public var name: String
        public var geometry: MultiPolygon
        /// A figure only when the status lets it out (`ok`, `partial`).
        public var value: Double?
        public var status: String

        public init(code: String, name: String, geometry: MultiPolygon, value: Double?, status: String) {
            self.code = code
            self.name = name
            self.geometry = geometry
            self.value = value
            self.status = status
        }
    }

    public var title: String
    /// The territory mapped, under the title.
    public var subtitle = ""
    /// Source, vintage and date of the figures, under the legend.
    public var caption: String
    public var unit: String
    /// A count is written whole.
    public var isCount: Bool
    public var areas: [Area]
    public var outlines: [MultiPolygon] = []
    public var breaks: ClassBreaks = .quantiles
    public var classes = 5
    public var palette: Palette = .sequential
    /// The code of an area drawn over the others with a thick border (a commune inside
    /// its EPCI), if any.
    public var highlight: String?
    /// Prefix of the SVG's own ids (hatching, frame), distinct for each map of one page.
    public var idPrefix = "map"
    /// Cités minières drawn over the areas, coloured by renovation progress.
    public var cites: [CiteMark] = []

    public init(title: String, caption: String, unit: String, isCount: Bool, areas: [Area]) {
        self.title = title
        self.caption = caption
        self.unit = unit
        self.isCount = isCount
        self.areas = areas
    }

    /// Width of the map in pixels; its height follows the territory's shape.
    static let width = 760.0
    private static let margin = 10.0
    private static let titleHeight = 58.0
    private static let legendLine = 20.0

    /// The class bounds of the published values.
    public var bounds: [Double] { breaks.bounds(of: areas.compactMap(\.value), classes: classes) }

    public func svg() -> String {
        let bounds = self.bounds
        let colours = palette.colours(max(bounds.count - 1, 1))
        // The extent of the areas: outlines of larger territories that reach beyond are cut at its edge.
        let box = Self.extent(areas.map(\.geometry))
        let scale = (Self.width - 2 * Self.margin) / max(box.maxX - box.minX, 1)
        let mapHeight = (box.maxY - box.minY) * scale
        func point(_ c: Coordinate) -> String {
            Self.number((c.x - box.minX) * scale + Self.margin) + "," + Self.number((box.maxY - c.y) * scale + Self.titleHeight)
        }
        func path(_ geometry: MultiPolygon) -> String {
            geometry.polygons.flatMap(\.rings).map { ring in "M" + ring.map(point).joined(separator: "L") + "Z" }.joined()
        }
        var counts = [Int](repeating: 0, count: colours.count)
        var secrets = 0, missing = 0
        var body = ""
        for area in areas {
            let fill: String
            let shown: String
            if let value = area.value {
                let index = min(ClassBreaks.index(of: value, in: bounds), colours.count - 1)
                counts[index] += 1
                fill = colours[index]
                shown = FrenchNumber.format(value, unit: unit, count: isCount) + (area.status == "partial" ? " (partiel)" : "")
            } else if area.status == "secret" {
                secrets += 1
                fill = "url(#\(idPrefix)-secret)"
                shown = StatusLabel.french(area.status)
            } else {
                missing += 1
                fill = Palette.missing
                shown = StatusLabel.french(area.status)
            }
            body += "<path d=\"\(path(area.geometry))\" fill=\"\(fill)\" fill-rule=\"evenodd\" stroke=\"#ffffff\" stroke-width=\"0.4\">"
                + "<title>\(Markup.escaped("\(area.name) (\(area.code)) : \(shown)"))</title></path>\n"
        }
        for outline in outlines {
            body += "<path d=\"\(path(outline))\" fill=\"none\" stroke=\"#333333\" stroke-width=\"1.2\"/>\n"
        }
        for area in areas where area.code == highlight {
            body += "<path d=\"\(path(area.geometry))\" fill=\"none\" stroke=\"#d62828\" stroke-width=\"3\"/>\n"
        }
        // The cités of the inventory over those it does not hold, which are drawn smaller.
        for cite in cites.filter({ $0.progress == .notInInventory }) + cites.filter({ $0.progress != .notInInventory }) {
            let radius = cite.progress == .notInInventory ? "2.5" : "4"
            let title = "<title>\(Markup.escaped(cite.name + " : " + cite.progress.legend + (cite.label.map { ", rang \($0)" } ?? "")))</title>"
            let position = point(cite.anchor).split(separator: ",")
            body += "<g class=\"cite\"><path d=\"\(path(cite.geometry))\" fill=\"\(cite.progress.colour)\" stroke=\"#000000\" stroke-width=\"0.6\"/>"
                + "<circle cx=\"\(position[0])\" cy=\"\(position[1])\" r=\"\(radius)\" fill=\"\(cite.progress.colour)\" stroke=\"#000000\" stroke-width=\"0.8\"/>"
                + (cite.label.map { "<text x=\"\(position[0])\" y=\"\(position[1])\" dx=\"5\" dy=\"-4\" font-size=\"9\">\(Markup.escaped($0))</text>" } ?? "")
                + title + "</g>\n"
        }
        // The legend: one line per class, then the areas without a figure.
        var legend: [(swatch: String, text: String)] = []
        for index in colours.indices where index + 1 < bounds.count {
            let low = FrenchNumber.format(bounds[index], unit: unit, count: isCount)
            let high = FrenchNumber.format(bounds[index + 1], unit: unit, count: isCount)
            let upper = index + 2 == bounds.count ? "à \(high) inclus" : "à moins de \(high)"
            legend.append((colours[index], "de \(low) \(upper) (\(counts[index]))"))
        }
        if secrets > 0 { legend.append(("url(#\(idPrefix)-secret)", "secret statistique (\(secrets))")) }
        if missing > 0 {
            legend.append((Palette.missing, "pas de valeur publiée : non disponible, effectif trop faible ou couverture insuffisante (\(missing))"))
        }
        for progress in CiteMark.Progress.allCases {
            let count = cites.filter { $0.progress == progress }.count
            if count > 0 { legend.append((progress.colour, "\(progress.legend) (\(count))")) }
        }
        let legendTop = Self.titleHeight + mapHeight + 16
        let height = legendTop + Double(legend.count) * Self.legendLine + 44
        // Outlines reaching beyond the areas are clipped to the map's frame.
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(Self.number(Self.width)) \(Self.number(height))" \
            width="\(Self.number(Self.width))" height="\(Self.number(height))" font-family="DejaVu Sans, Arial, sans-serif" role="img" \
            aria-label="\(Markup.escaped(title))">
            <defs><pattern id="\(idPrefix)-secret" patternUnits="userSpaceOnUse" width="6" height="6">\
            <rect width="6" height="6" fill="#ffffff"/><path d="M0,6L6,0M-1,1L1,-1M5,7L7,5" stroke="\(Palette.secretHatch)" stroke-width="1"/></pattern></defs>
            <text x="\(Self.number(Self.margin))" y="24" font-size="16" font-weight="bold" fill="#1d3557">\(Markup.escaped(title))</text>
            <text x="\(Self.number(Self.margin))" y="44" font-size="12" fill="#1d3557">\(Markup.escaped(subtitle))</text>
            <clipPath id="\(idPrefix)-frame"><rect x="0" y="\(Self.number(Self.titleHeight - Self.margin))" width="\(Self.number(Self.width))" \
            height="\(Self.number(mapHeight + 2 * Self.margin))"/></clipPath>
            <g clip-path="url(#\(idPrefix)-frame)">

            """
        svg += body + "</g>\n"
        for (index, entry) in legend.enumerated() {
            let y = legendTop + Double(index) * Self.legendLine
            svg += "<rect x=\"\(Self.number(Self.margin))\" y=\"\(Self.number(y))\" width=\"18\" height=\"14\" fill=\"\(entry.swatch)\" stroke=\"#999999\" stroke-width=\"0.5\"/>"
                + "<text x=\"\(Self.number(Self.margin + 26))\" y=\"\(Self.number(y + 11))\" font-size=\"11\">\(Markup.escaped(entry.text))</text>\n"
        }
        let method = "Classes : " + (breaks == .quantiles ? "de même effectif (quantiles)" : "seuils naturels (Jenks)")
        for (line, text) in [caption, method].enumerated() {
            svg += "<text x=\"\(Self.number(Self.margin))\" y=\"\(Self.number(height - 26 + Double(line) * 12))\" font-size=\"9\" fill=\"#555555\">"
                + "\(Markup.escaped(text))</text>\n"
        }
        svg += "<rect x=\"0\" y=\"0\" width=\"\(Self.number(Self.width))\" height=\"\(Self.number(height))\" fill=\"none\"/>\n</svg>\n"
        return svg
    }

    /// How many metres a pixel of the map of `geometries` stands for: finer detail than
    /// that cannot be seen, so it is the simplification a map needs.
    public static func pixelSize(of geometries: [MultiPolygon]) -> Double {
        let box = extent(geometries)
        return (box.maxX - box.minX) / (width - 2 * margin)
    }

    private static func extent(_ geometries: [MultiPolygon]) -> (minX: Double, minY: Double, maxX: Double, maxY: Double) {
        var box = (minX: Double.infinity, minY: Double.infinity, maxX: -Double.infinity, maxY: -Double.infinity)
        for coordinate in geometries.flatMap(\.polygons).flatMap(\.exterior) {
            box = (min(box.minX, coordinate.x), min(box.minY, coordinate.y), max(box.maxX, coordinate.x), max(box.maxY, coordinate.y))
        }
        return box.minX.isFinite ? box : (0, 0, 1, 1)
    }

    /// A coordinate to a tenth of a pixel.
    private static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
