import Cartography
import Core
import Foundation
import GRDB
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
            guard let indicator = try Row.fetchOne(db, sql: "SELECT label, unit, aggregation FROM indicators WHERE indicator_id = ?",
                                                   arguments: [id]) else {
                throw ObservatoireError(.report, "no computed indicator '\(id)': check `observatoire indicators list` and run `observatoire compute`")
            }
            let communes = try directory.communeIDs(of: territory, db)
            guard !communes.isEmpty else { throw ObservatoireError(.report, "\(territory.label) has no communes to map") }
            let rows = try Row.fetchAll(db, sql: """
                SELECT v.territory, v.period, v.value, v.status FROM indicator_values v
                WHERE v.geography = ? AND v.indicator_id = ? AND v.territory IN (SELECT value FROM json_each(?))
                """, arguments: [geography, id, try SQLList.json(communes)])
            guard let shown = period ?? rows.map({ $0["period"] as String }).max() else {
                throw ObservatoireError(.report, "\(id) has no value for the communes of \(territory.label)")
            }
            let values = Dictionary(rows.filter { $0["period"] == shown }.map { ($0["territory"] as String, $0) }, uniquingKeysWith: { a, _ in a })
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
                                          value: row?["value"], status: row?["status"] ?? "missing")
            }
            let sources = try String.fetchAll(db, sql: """
                SELECT DISTINCT coalesce(s.publisher, s.label) FROM indicator_sources x JOIN files f USING (file_id)
                JOIN sources s ON s.source_id = f.source_id WHERE x.geography = ? AND x.indicator_id = ? ORDER BY 1
                """, arguments: [geography, id])
            let caption = "Source : \(sources.joined(separator: ", ")) ; géographie COG \(geography) ; contours : \(contoursName) ; "
                + "produit le \(PortraitView.utc(now)) UTC par observatoire \(SoftwareVersion.current)"
            var map = ChoroplethMap(title: "\(indicator["label"] as String) (\(shown))", caption: caption,
                                    unit: indicator["unit"], isCount: (indicator["aggregation"] as String) == "stock", areas: areas)
            map.subtitle = "\(territory.name) (\(territory.id)), \(areas.count) communes"
            return map
        }
    }
}
