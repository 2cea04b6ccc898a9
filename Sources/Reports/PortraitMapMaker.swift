import Cartography
import Core
import Foundation
import Logging
import Territories
import Warehouse

/// Draws the maps of a portrait from the contours of the warehouse: for an EPCI, a zone or
/// a département, each indicator of the layout's `maps` over its communes (the EPCI
/// outlined over the communes of a larger territory); for a commune, the first of them
/// over the communes of its EPCI, the commune outlined in red. When cités are loaded with
/// outlines, the portrait of a larger territory adds the cités map (the first indicator,
/// the cités over it, by renovation progress, with their priority rank). No contour loaded, or no
/// published value of an indicator there (only secrets or small counts): that map is not
/// drawn, and the log says why.
///
/// The contours of a territory are reprojected and simplified once per job, then shared
/// by every map and portrait that draws them (the 330 commune portraits of the basin share
/// the contours of their 9 EPCI).
final class PortraitMapMaker {
    private let warehouse: Warehouse
    private let directory: TerritoryDirectory
    private let indicators: [String]
    private let logger: Logger
    private let projection: Reprojection
    /// Simplification of a portrait's map, in metres: under a pixel at its size.
    static let tolerance = 50.0
    private var drawn: [String: Layer] = [:]

    /// What every map of a territory draws: its communes as simplified, the EPCI outlines,
    /// the cités of its communes.
    private struct Layer {
        let communes: [PolygonFeature]
        let source: String
        let outlines: [MultiPolygon]
        let cites: [CiteMark]
    }

    init(warehouse: Warehouse, directory: TerritoryDirectory, indicators: [String], logger: Logger) throws {
        self.warehouse = warehouse
        self.directory = directory
        self.indicators = indicators
        self.logger = logger
        projection = try Reprojection()
    }

    func maps(of portrait: Portrait) throws -> [Portrait.Map] {
        let subject = portrait.subject
        let isCommune = ["COM", "ARM"].contains(subject.level)
        guard !indicators.isEmpty, let scope = isCommune ? portrait.parents.first(where: { $0.level == "EPCI" }) : subject,
              let layer = try contours(of: scope) else { return [] }
        var maps: [Portrait.Map] = []
        for (index, indicator) in (isCommune ? Array(indicators.prefix(1)) : indicators).enumerated() {
            var map: ChoroplethMap
            do {
                map = try ChoroplethMapBuilder(warehouse: warehouse, directory: directory)
                    .map(indicator: indicator, territory: scope, contours: layer.communes, contoursName: layer.source,
                         now: portrait.production.date)
            } catch let error as ObservatoireError where error.code == .report {
                logger.debug("Map not drawn", metadata: ["territory": "\(subject.id)", "indicator": "\(indicator)", "reason": "\(error.message)"])
                continue
            }
            guard map.areas.contains(where: { $0.value != nil }) else {
                logger.debug("Map not drawn", metadata: ["territory": "\(subject.id)", "indicator": "\(indicator)", "reason": "no published value"])
                continue
            }
            map.outlines = layer.outlines
            map.idPrefix = "map-\(index + 1)"
            if isCommune {
                map.highlight = subject.code
                map.subtitle = "\(subject.name) dans \(scope.name) (\(scope.id)), \(map.areas.count) communes"
            }
            maps.append(Portrait.Map(indicator: indicator, title: map.title, svg: map.svg()))
            // The cités map: the first indicator again, the cités of the territory over it.
            if index == 0, !isCommune, !layer.cites.isEmpty {
                map.cites = layer.cites
                map.idPrefix = "map-cites"
                map.title = "Cités minières et rénovation, sur : \(map.title)"
                maps.append(Portrait.Map(indicator: "cites", title: map.title, svg: map.svg()))
            }
        }
        return maps
    }

    /// The communes of `scope` projected and simplified as a coverage, and the EPCI outlines
    /// over them; nil when the warehouse holds no contour for them.
    private func contours(of scope: Territory) throws -> Layer? {
        if let known = drawn[scope.id] { return known }
        let stored = StoredContours(warehouse: warehouse, geography: directory.geography)
        let loaded: (features: [PolygonFeature], source: String)
        do {
            loaded = try stored.communes(of: scope, in: directory)
        } catch let error as ObservatoireError where error.code == .report {
            logger.debug("No map", metadata: ["territory": "\(scope.id)", "reason": "\(error.message)"])
            return nil
        }
        let projected = try loaded.features.map(projection.project)
        let communes = try CoverageSimplifier(tolerance: Self.tolerance).simplify(projected).features
        let outlines = ["EPCI", "COM", "ARM"].contains(scope.level) ? [] : try stored.outlines(level: "EPCI", within: scope, communes: communes)
        let members = Set(communes.compactMap { $0.identifier.map { "COM:" + $0 } })
        let cites = try StoredCites(warehouse: warehouse).marks(in: members, projection: projection, label: .rank)
        drawn[scope.id] = Layer(communes: communes, source: loaded.source, outlines: outlines, cites: cites)
        return drawn[scope.id]
    }
}
