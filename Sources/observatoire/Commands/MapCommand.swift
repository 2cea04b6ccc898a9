import ArgumentParser
import Cartography
import Foundation
import Export
import Output
import Reports
import Territories

extension ClassBreaks: ExpressibleByArgument {}
extension Palette: ExpressibleByArgument {}
extension MapFormat: ExpressibleByArgument {}
extension StoredCites.Label: ExpressibleByArgument {}

struct MapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "map",
        abstract: "A choropleth of one indicator over the communes of a territory, as SVG, PNG or HTML.",
        discussion: """
            The contours are those the warehouse holds for the geography (a contours source, put \
            on the geography by normalise), or a GeoJSON file of communes given with --contours \
            (WGS84, a code property such as `insee`); they are reprojected to Lambert-93 with \
            PROJ and simplified with GEOS as a coverage: neighbouring communes keep their shared borders. Classes by quantiles (the default: \
            as many communes in each class, readable on skewed rates) or Jenks' natural breaks; \
            secret values hatched, communes without a published value in grey, each explained in \
            the legend; --cites draws the cités minières of the reference lists, coloured by how far \
            their renovation has gone (the operations of the inventory cité that names them); the EPCI are outlined over the communes of a larger territory (--outlines \
            FILE draws another layer).
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The indicator id (see `observatoire indicators list`).")
    var indicator: String

    @Option(name: .long, help: "The territory whose communes are mapped: code, prefixed code or name.")
    var territory: String

    @Option(name: .long, help: "GeoJSON of the communes' contours, instead of those of the warehouse.")
    var contours: String?

    @Option(name: .long, help: "GeoJSON of outlines drawn over the communes, instead of the warehouse's EPCI.")
    var outlines: String?

    @Option(name: .long, help: "The period; the latest the communes have by default.")
    var period: String?

    @Option(name: .long, help: "quantiles or jenks.")
    var breaks: ClassBreaks = .quantiles

    @Option(name: .long, help: "Number of classes, 3 to 7.")
    var classes = 5

    @Option(name: .long, help: "sequential (levels) or diverging (specificity index, changes).")
    var palette: Palette = .sequential

    @Option(name: .long, help: "Simplification tolerance in metres; by default a pixel of the map (about 130 m for the Bassin minier, 1.3 km for France).")
    var tolerance: Double?

    @Option(name: .long, help: "svg, png (rendered by rsvg-convert) or html (the SVG in a page).")
    var format: MapFormat = .svg

    @Option(name: .long, help: "The file to write.")
    var output: String

    @Option(name: .long, help: "The geography; the most recent normalised one by default.")
    var geography: Int?

    @Flag(name: .long, help: "Draw the cités minières of the reference lists loaded (cites references), coloured by renovation progress.")
    var cites = false

    @Option(name: .long, help: "With --cites: rank (priority rank of the last cites rank), name, or none.")
    var citeLabels: StoredCites.Label = .none

    func validate() throws {
        if !(3...7).contains(classes) { throw ValidationError("--classes is 3 to 7: more classes cannot be told apart on a map.") }
        if let tolerance, tolerance < 0 { throw ValidationError("--tolerance is a distance in metres, 0 or more.") }
    }

    func run() throws {
        let warehouse = try global.openWarehouse()
        let directory = try TerritoryDirectory(warehouse: warehouse, geography: geography)
        let subject = try directory.resolve(territory)
        let projection = try Reprojection()
        let stored = StoredContours(warehouse: warehouse, geography: directory.geography)
        let (features, source) = try contours.map { (try GeoJSONPolygons(path: $0).features, URL(fileURLWithPath: $0).lastPathComponent) }
            ?? stored.communes(of: subject, in: directory)
        let communes = try features.map(projection.project)
        let tolerance = self.tolerance ?? ChoroplethMap.pixelSize(of: communes.map(\.geometry))
        let simplified = tolerance > 0 ? try CoverageSimplifier(tolerance: tolerance).simplify(communes).features : communes
        var map = try ChoroplethMapBuilder(warehouse: warehouse, directory: directory)
            .map(indicator: indicator, territory: subject, period: period, contours: simplified, contoursName: source)
        if let outlines {
            map.outlines = try GeoJSONPolygons(path: outlines).features.map { try projection.project($0).geometry }
        } else if contours == nil, !["COM", "ARM", "EPCI"].contains(subject.level) {
            map.outlines = try stored.outlines(level: "EPCI", within: subject, communes: simplified)
        }
        if cites {
            let members = try warehouse.read { db in Set(try directory.communeIDs(of: subject, db)) }
            map.cites = try StoredCites(warehouse: warehouse).marks(in: members, projection: projection, label: citeLabels)
            if map.cites.isEmpty {
                global.console.warn("warning: no cité with an outline in \(subject.label): load a list with observatoire cites references FILE --list ID")
            }
        }
        map.breaks = breaks
        map.classes = classes
        map.palette = palette
        let data = try format.data(of: map)
        try AtomicFile.write(to: output) { try data.write(to: $0) }
        global.console.say("map of \(indicator) over \(map.areas.count) communes of \(subject.label) → \(output)")
    }
}
