import Core
import Foundation

/// A GeoJSON FeatureCollection of areas (communes, EPCIs, a basin outline): every feature a
/// Polygon or MultiPolygon in WGS84 longitude/latitude, read with its properties.
///
/// Everything later stages rely on is checked here, once, so that a bad file is refused with
/// the feature named rather than drawn wrong: a geometry on every feature, polygons only,
/// closed rings of four positions or more, coordinates within WGS84 bounds.
public struct GeoJSONPolygons: Sendable {
    public let path: String
    public let features: [PolygonFeature]

    /// The WGS84 longitude/latitude names a legacy `crs` member may carry.
    static let wgs84Names: Set<String> = [
        "urn:ogc:def:crs:OGC:1.3:CRS84", "urn:ogc:def:crs:OGC::CRS84", "OGC:CRS84", "CRS84",
        "EPSG:4326", "urn:ogc:def:crs:EPSG::4326",
    ]

    public init(path: String) throws {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ObservatoireError(.cannotRead, "cannot read the GeoJSON file: check that it exists and is readable", path: path,
                                   cause: error.localizedDescription)
        }
        try self.init(data: data, path: path)
    }

    /// Reads GeoJSON held in memory; `path` names it in errors.
    public init(data: Data, path: String) throws {
        self.path = path
        let document: Any
        do {
            document = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw ObservatoireError(.notJSON, "not valid JSON: re-export the layer as GeoJSON", path: path,
                                   cause: "\((error as NSError).userInfo[NSDebugDescriptionErrorKey] ?? error.localizedDescription)")
        }
        guard let object = document as? [String: Any], object["type"] as? String == "FeatureCollection",
              let features = object["features"] as? [Any] else {
            throw ObservatoireError(.notFeatureCollection,
                                   "not a GeoJSON FeatureCollection (expected {\"type\": \"FeatureCollection\", \"features\": […]}): export the layer as one, e.g. with ogr2ogr -f GeoJSON",
                                   path: path)
        }
        if let crs = object["crs"] as? [String: Any], let name = (crs["properties"] as? [String: Any])?["name"] as? String,
           !Self.wgs84Names.contains(name) {
            throw ObservatoireError(.unsupportedCRS,
                                   "the file declares the CRS \(name), but GeoJSON is in WGS84 longitude/latitude (RFC 7946): reproject it, e.g. ogr2ogr -t_srs EPSG:4326 out.geojson in.geojson",
                                   path: path)
        }
        self.features = try features.enumerated().map { offset, feature in
            try Self.feature(feature, index: offset + 1, path: path)
        }
    }

    private static func feature(_ value: Any, index: Int, path: String) throws -> PolygonFeature {
        guard let feature = value as? [String: Any], feature["type"] as? String == "Feature" else {
            throw ObservatoireError(.notFeatureCollection, "is not a GeoJSON Feature object: each element of \"features\" must be {\"type\": \"Feature\", …}",
                                   path: path, feature: "feature \(index)")
        }
        let properties = ((feature["properties"] as? [String: Any]) ?? [:]).compactMapValues(Self.text)
        let featureID = feature["id"].flatMap(Self.text)
        let label = PolygonFeature.label(index: index, properties: properties, featureID: featureID)
        func failure(_ code: ErrorCode, _ message: String) -> ObservatoireError {
            ObservatoireError(code, message, path: path, feature: label)
        }
        guard let geometry = feature["geometry"] as? [String: Any] else {
            throw failure(.missingGeometry, "has no geometry (null or absent): give it its polygon, or remove the feature from the layer")
        }
        let type = geometry["type"] as? String ?? "(no type)"
        let polygons: [Any]
        switch type {
        case "Polygon":
            polygons = [geometry["coordinates"] as Any]
        case "MultiPolygon":
            guard let list = geometry["coordinates"] as? [Any] else {
                throw failure(.malformedGeometry, "its MultiPolygon has no coordinates array: re-export the layer")
            }
            polygons = list
        default:
            throw failure(.unsupportedGeometry,
                          "is a \(type), not a Polygon or MultiPolygon: this layer holds areas (communes, EPCIs); keep points and lines in layers of their own")
        }
        var result: [Polygon] = []
        for (polygonOffset, polygon) in polygons.enumerated() {
            guard let rings = polygon as? [Any], !rings.isEmpty else {
                throw failure(.malformedGeometry, "polygon \(polygonOffset + 1) has no rings: re-export the layer")
            }
            let parsed = try rings.enumerated().map { ringOffset, ring in
                let place = "ring \(ringOffset + 1) of polygon \(polygonOffset + 1)"
                return try Self.ring(ring, place: place, failure: failure)
            }
            result.append(Polygon(exterior: parsed[0], holes: Array(parsed.dropFirst())))
        }
        guard !result.isEmpty else {
            throw failure(.malformedGeometry, "its MultiPolygon holds no polygon: give it its polygon, or remove the feature")
        }
        return PolygonFeature(index: index, properties: properties, featureID: featureID, geometry: MultiPolygon(result))
    }

    private static func ring(_ value: Any, place: String,
                             failure: (ErrorCode, String) -> ObservatoireError) throws -> [Coordinate] {
        guard let positions = value as? [Any] else {
            throw failure(.malformedGeometry, "\(place) is not an array of positions: re-export the layer")
        }
        var ring: [Coordinate] = []
        ring.reserveCapacity(positions.count)
        for (offset, position) in positions.enumerated() {
            guard let numbers = position as? [Any], numbers.count >= 2,
                  let x = (numbers[0] as? NSNumber)?.doubleValue, let y = (numbers[1] as? NSNumber)?.doubleValue else {
                throw failure(.malformedGeometry, "position \(offset + 1) of \(place) is not [longitude, latitude]: re-export the layer")
            }
            guard (-180...180).contains(x), (-90...90).contains(y) else {
                throw failure(.coordinateOutOfRange,
                              "position \(offset + 1) of \(place), (\(x), \(y)), is outside WGS84 longitude/latitude bounds (-180…180, -90…90): the file is probably in a projected CRS such as Lambert-93; reproject it to WGS84 as RFC 7946 requires, e.g. ogr2ogr -t_srs EPSG:4326 out.geojson in.geojson")
            }
            ring.append(Coordinate(x: x, y: y))
        }
        guard ring.count >= 4 else {
            throw failure(.malformedGeometry, "\(place) has \(ring.count) positions, fewer than the four a closed ring needs: fix the geometry or remove it")
        }
        let first = ring[0], last = ring[ring.count - 1]
        guard first == last else {
            throw failure(.unclosedRing,
                          "\(place) is not closed: it starts at (\(first.x), \(first.y)) and ends at (\(last.x), \(last.y)); a GeoJSON ring repeats its first position at its end (RFC 7946 §3.1.6): fix the geometry (QGIS: Fix geometries) or re-export the layer")
        }
        return ring
    }

    /// A property as text: strings as they are, numbers as written; anything else left out.
    private static func text(_ value: Any) -> String? {
        switch value {
        case let text as String: text
        case let number as NSNumber: number.stringValue
        default: nil
        }
    }
}
