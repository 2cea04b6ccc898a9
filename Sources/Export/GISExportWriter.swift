import Cartography
import Core
import Foundation
import Warehouse

/// Indicator values on the territories' contours, as GIS files: a GeoPackage (Lambert-93,
/// one layer per level: the communes and their EPCI for a commune export) or RFC 7946
/// GeoJSON (WGS84, the level asked). One feature per territory; per indicator and period a
/// number column (`taux_pauvrete_2021`, empty unless the status lets the value out) and a
/// status column (`taux_pauvrete_2021_statut`), so that QGIS can colour the one and label
/// the other; per indicator without a value, a column giving the reason. A territory
/// without a contour keeps its feature, with an empty geometry.
struct GISExportWriter {
    let warehouse: Warehouse

    /// The layers of a GeoPackage export: the level asked, and the EPCI over communes.
    static func levels(for level: ExportRequest.Level) -> [ExportRequest.Level] {
        level == .commune ? [.commune, .epci] : [level]
    }

    /// The layer of the territories of `table`, in WGS84 (no `projection`) or reprojected.
    func layer(of table: ExportTable, projection: Reprojection?) throws -> (layer: FeatureLayer, withoutContour: [String]) {
        let request = table.request
        let ids = table.territories.map { Self.id(of: $0, level: request.level) }
        let contours = try warehouse.read { db in
            Dictionary(try ContourStore.contours(of: ids, geography: request.geography, db).map { ($0.territory, $0) },
                       uniquingKeysWith: { first, _ in first })
        }
        var keys: [(key: String, field: String)] = []
        var seen: Set<String> = []
        var cells: [String: [String: ExportTable.Row]] = [:]
        for row in table.rows {
            let key = "\(row.indicator) \(row.period)"
            if seen.insert(key).inserted { keys.append((key, Self.fieldName(row.indicator, row.period))) }
            cells[row.territoryCode, default: [:]][key] = row
        }
        let order = request.indicators
        keys.sort { lhs, rhs in
            let (l, r) = (lhs.key.split(separator: " "), rhs.key.split(separator: " "))
            return (order.firstIndex(of: String(l[0])) ?? 0, String(l[1])) < (order.firstIndex(of: String(r[0])) ?? 0, String(r[1]))
        }
        var fields = [FeatureLayer.Field("code", .text), FeatureLayer.Field("niveau", .text), FeatureLayer.Field("nom", .text)]
        for key in keys {
            fields.append(FeatureLayer.Field(key.field, .real))
            fields.append(FeatureLayer.Field(key.field + "_statut", .text))
        }
        fields += table.missing.map { FeatureLayer.Field(Self.fieldName($0.indicator, nil) + "_non_calcule", .text) }

        let context = try GeosContext()
        var layer = FeatureLayer(name: Self.layerName(request.level), title: "\(Self.layerName(request.level)) (COG \(request.geography))",
                                 description: "Indicateurs : \(request.indicators.joined(separator: ", ")) ; territoire : \(request.within) ; "
                                     + "sources : \(table.sources.joined(separator: " ; "))",
                                 crs: projection == nil ? Reprojection.wgs84 : Reprojection.lambert93, fields: fields)
        var withoutContour: [String] = []
        for territory in table.territories {
            let id = Self.id(of: territory, level: request.level)
            var geometry: MultiPolygon?
            if let contour = contours[id] {
                let polygons = try GeosGeometry(wkb: contour.wkb, in: context).multiPolygon()
                geometry = try projection.map { try $0.project(polygons) } ?? polygons
            } else {
                withoutContour.append(id)
            }
            var values: [FeatureLayer.Value] = [.text(territory.code), .text(territory.level), .text(territory.name)]
            for key in keys {
                let row = cells[territory.code]?[key.key]
                values.append(row?.value.map(FeatureLayer.Value.real) ?? .null)
                values.append(row.map { .text($0.status) } ?? .null)
            }
            values += table.missing.map { .text($0.reason) }
            layer.features.append(FeatureLayer.Feature(geometry: geometry, values: values))
        }
        return (layer, withoutContour)
    }

    /// The territory's id in the warehouse: `COM:62498`, `FR`.
    static func id(of territory: ExportTable.Territory, level: ExportRequest.Level) -> String {
        level == .france ? "FR" : "\(level.code):\(territory.code)"
    }

    /// `taux_pauvrete_2021`, `evolution_population_2015_2021`: letters, digits and `_`.
    static func fieldName(_ indicator: String, _ period: String?) -> String {
        let name = ([indicator] + [period].compactMap { $0 }).joined(separator: "_")
        let cleaned = String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
        return cleaned.first?.isLetter == true ? cleaned : "i_" + cleaned
    }

    /// The layer's table name: `communes`, `epci`, `departements` …
    static func layerName(_ level: ExportRequest.Level) -> String {
        switch level {
        case .commune: "communes"
        case .arrondissement: "arrondissements"
        case .epci: "epci"
        case .departement: "departements"
        case .region: "regions"
        case .france: "france"
        case .zone: "zones"
        }
    }
}
