import Cartography
import Core
import Territories
import Warehouse

/// The contours `normalise` put on a geography (`territory_contours`), as the layers a map
/// draws: the communes of a territory identified by their code, the outlines of a level.
/// Geometries stay in WGS84, as loaded; the map reprojects them.
public struct StoredContours {
    public let warehouse: Warehouse
    public let geography: Int

    public init(warehouse: Warehouse, geography: Int) {
        self.warehouse = warehouse
        self.geography = geography
    }

    /// The communes of `territory` that have a contour (each with its `insee` code and
    /// `nom`), and how the caption names where they come from ("communes-mbm.geojson").
    public func communes(of territory: Territory, in directory: TerritoryDirectory) throws -> (features: [PolygonFeature], source: String) {
        try warehouse.read { db in
            let communes = try directory.communeIDs(of: territory, db)
            let stored = try ContourStore.contours(of: communes, geography: geography, db)
            guard !stored.isEmpty else {
                throw ObservatoireError(.report, "no contour of the communes of \(territory.label) in the warehouse (geography \(geography)): "
                    + "ingest a contours layer (docs/maps.md) and normalise again, or give --contours FILE")
            }
            let names = try TerritoryStore(geography: geography).names(of: stored.map(\.territory), db)
            let context = try GeosContext()
            let features = try stored.enumerated().map { index, contour in
                let code = String(contour.territory.split(separator: ":").last ?? "")
                return PolygonFeature(index: index + 1, properties: ["insee": code, "nom": names[contour.territory] ?? code],
                                      geometry: try GeosGeometry(wkb: contour.wkb, in: context).multiPolygon())
            }
            let files = try FileJournal.names(of: Set(stored.map(\.fileID)), db)
            return (features, files.joined(separator: ", "))
        }
    }

    /// The outlines of the territories of `level` within `territory` (the EPCI of a zone),
    /// each the union of its communes among `communes` (projected and simplified as drawn),
    /// so that an outline follows the communes' borders exactly.
    public func outlines(level: String, within territory: Territory, communes: [PolygonFeature]) throws -> [MultiPolygon] {
        let byCode = Dictionary(communes.compactMap { feature in feature.identifier.map { ("COM:" + $0, feature.geometry) } },
                                uniquingKeysWith: { first, _ in first })
        let groups = try warehouse.read { db in
            let store = TerritoryStore(geography: geography)
            return try store.selection(level: level, within: territory.id, db).map { try store.communeIDs(of: $0.id, db) }
        }
        let context = try GeosContext()
        return try groups.compactMap { members in
            let parts = try members.compactMap { byCode[$0] }.map { try GeosGeometry($0, in: context) }
            return parts.isEmpty ? nil : try GeosGeometry.union(parts, in: context).multiPolygon()
        }
    }
}
