import Cartography
import Core
import Foundation
import Territories
import Warehouse

/// Reads what a choropleth of one indicator over the communes of a territory needs: the
/// communes (`memberships`), their values and statuses for a period, the indicator's label,
/// unit and sources; and matches them to contours given in Lambert-93 by commune code.
/// A commune of the territory without a contour is an error naming it: a map with a hole
/// would look like a commune without data.
public struct ChoroplethMapBuilder {
    public let warehouse: Warehouse
    public let directory: TerritoryDirectory

    public init(warehouse: Warehouse, directory: TerritoryDirectory) {
        self.warehouse = warehouse
        self.directory = directory
    }

    /// - Parameters:
    ///   - period: the latest the communes have when nil.
    ///   - contours: polygons identified by commune code (`insee` …), projected.
    ///   - contoursName: how the caption names where the contours come from.
    public func map(indicator id: String, territory: Territory, period: String? = nil, contours: [PolygonFeature],
                    contoursName: String, now: Date = Date()) throws -> ChoroplethMap {
        let geography = directory.geography
        return try warehouse.read { db in
            guard let indicator = try IndicatorStore.definitions(of: [id], db).first else {
                throw ObservatoireError(.report, "no computed indicator '\(id)': check `observatoire indicators list` and run `observatoire compute`")
            }
            let communes = try directory.communeIDs(of: territory, db)
            guard !communes.isEmpty else { throw ObservatoireError(.report, "\(territory.label) has no communes to map") }
            let rows = try IndicatorStore.values(of: id, geography: geography, territories: communes, db)
            guard let shown = period ?? rows.map(\.period).max() else {
                throw ObservatoireError(.report, "\(id) has no value for the communes of \(territory.label)")
            }
            let values = Dictionary(rows.filter { $0.period == shown }.map { ($0.territory, $0) }, uniquingKeysWith: { a, _ in a })
            let names = try TerritoryStore(geography: geography).names(of: communes, db)
            let byCode = Dictionary(contours.compactMap { feature in feature.identifier.map { ("COM:" + $0, feature) } },
                                    uniquingKeysWith: { a, _ in a })
            let unmatched = communes.filter { byCode[$0] == nil }
            guard unmatched.isEmpty else {
                throw ObservatoireError(.report, "\(unmatched.count) communes of \(territory.label) have no contour in \(contoursName) "
                    + "(\(unmatched.prefix(5).joined(separator: ", "))\(unmatched.count > 5 ? ", …" : "")): give contours of the same COG")
            }
            let areas = communes.map { commune in
                let row = values[commune]
                return ChoroplethMap.Area(code: String(commune.dropFirst(4)), name: names[commune] ?? commune, geometry: byCode[commune]!.geometry,
                                          value: row?.value, status: row?.status ?? "missing")
            }
            let sources = try IndicatorStore.publishers(of: id, geography: geography, db)
            let caption = "Source : \(sources.joined(separator: ", ")) ; géographie COG \(geography) ; contours : \(contoursName) ; "
                + "produit le \(PortraitView.utc(now)) UTC par observatoire \(SoftwareVersion.current)"
            var map = ChoroplethMap(title: "\(indicator.label) (\(shown))", caption: caption,
                                    unit: indicator.unit, isCount: indicator.aggregation == "stock", areas: areas)
            map.subtitle = "\(territory.name) (\(territory.id)), \(areas.count) communes"
            return map
        }
    }
}
