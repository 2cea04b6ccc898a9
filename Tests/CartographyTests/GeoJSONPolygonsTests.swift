import Cartography
import Core
import Foundation
import Testing

struct GeoJSONPolygonsTests {
    /// Writes `text` to a fresh temporary file and returns its path.
    static func write(_ text: String, name: String = "layer.geojson") throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("observatoire-cartography-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    static let lensSquare = "[[[2.80, 50.42], [2.84, 50.42], [2.84, 50.45], [2.80, 50.45], [2.80, 50.42]]]"

    /// A collection whose first feature is good and whose second is `geometry`.
    static func collection(second geometry: String) -> String {
        """
        {"type": "FeatureCollection", "features": [
          {"type": "Feature", "properties": {"insee": "62510", "nom": "Liévin"},
           "geometry": {"type": "Polygon", "coordinates": \(lensSquare)}},
          {"type": "Feature", "properties": {"insee": "62498", "nom": "Lens", "population": 32899},
           "geometry": \(geometry)}
        ]}
        """
    }

    @Test func readsPolygonsMultiPolygonsAndProperties() throws {
        let path = try Self.write("""
        {"type": "FeatureCollection", "features": [
          {"type": "Feature", "id": 7, "properties": {"insee": "62498", "nom": "Lens", "population": 32899, "surface_km2": 11.702841, "note": null},
           "geometry": {"type": "Polygon", "coordinates": \(Self.lensSquare)}},
          {"type": "Feature", "properties": {"code_siren": "246200364"},
           "geometry": {"type": "MultiPolygon", "coordinates": [
             [[[3.0, 50.0], [3.1, 50.0], [3.1, 50.1], [3.0, 50.0]]],
             [[[3.2, 50.0], [3.6, 50.0], [3.6, 50.4], [3.2, 50.4], [3.2, 50.0]],
              [[3.3, 50.1], [3.4, 50.1], [3.4, 50.2], [3.3, 50.1]]]]}}
        ]}
        """)
        let features = try GeoJSONPolygons(path: path).features
        #expect(features.count == 2)
        #expect(features[0].properties == ["insee": "62498", "nom": "Lens", "population": "32899", "surface_km2": "11.702841"])
        #expect(features[0].identifier == "62498" && features[0].featureID == "7")
        #expect(features[0].label == "feature 1 (insee 62498, Lens)")
        #expect(features[0].geometry.polygons.count == 1 && features[0].geometry.vertexCount == 5)
        #expect(features[1].label == "feature 2 (code_siren 246200364)")
        #expect(features[1].geometry.polygons.map(\.holes.count) == [0, 1])
        #expect(features[1].geometry.vertexCount == 4 + 5 + 4)
    }

    @Test(arguments: [
        ("{\"type\": \"Feature\", \"geometry\": null}", ErrorCode.notFeatureCollection, nil),
        (collection(second: "null"), .missingGeometry, "feature 2 (insee 62498, Lens)"),
        (collection(second: "{\"type\": \"Point\", \"coordinates\": [2.83, 50.43]}"), .unsupportedGeometry, "feature 2 (insee 62498, Lens)"),
        (collection(second: "{\"type\": \"Polygon\", \"coordinates\": [[[2.80, 50.42], [2.84, 50.42], [2.84, 50.45], [2.80, 50.45]]]}"),
         .unclosedRing, "feature 2 (insee 62498, Lens)"),
        (collection(second: "{\"type\": \"Polygon\", \"coordinates\": [[[2.80, 50.42], [2.84, 50.42], [2.80, 50.42]]]}"),
         .malformedGeometry, "feature 2 (insee 62498, Lens)"),
        (collection(second: "{\"type\": \"Polygon\", \"coordinates\": [[[687000, 7036000], [689000, 7036000], [689000, 7038000], [687000, 7036000]]]}"),
         .coordinateOutOfRange, "feature 2 (insee 62498, Lens)"),
        ("{\"type\": \"FeatureCollection\", \"crs\": {\"type\": \"name\", \"properties\": {\"name\": \"urn:ogc:def:crs:EPSG::2154\"}}, \"features\": []}",
         .unsupportedCRS, nil),
        ("{\"type\": \"FeatureCollection\", \"features\": [", .notJSON, nil),
    ] as [(String, ErrorCode, String?)])
    func badInputIsRefusedNamingFileAndFeature(text: String, code: ErrorCode, feature: String?) throws {
        let path = try Self.write(text)
        let error = try #require(throws: ObservatoireError.self) { try GeoJSONPolygons(path: path) }
        #expect(error.code == code)
        #expect(error.path == path && error.feature == feature)
        #expect(error.description.hasPrefix(path + (feature.map { ": \($0): " } ?? ": ")), "\(error)")
        print(error)
    }

    @Test func unclosedRingSaysWhereAndWhatToDo() throws {
        let path = try Self.write(Self.collection(second: "{\"type\": \"Polygon\", \"coordinates\": [[[2.80, 50.42], [2.84, 50.42], [2.84, 50.45], [2.80, 50.45]]]}"))
        let error = try #require(throws: ObservatoireError.self) { try GeoJSONPolygons(path: path) }
        #expect(error.description == "\(path): feature 2 (insee 62498, Lens): ring 1 of polygon 1 is not closed: it starts at (2.8, 50.42) and ends at (2.8, 50.45); a GeoJSON ring repeats its first position at its end (RFC 7946 §3.1.6): fix the geometry (QGIS: Fix geometries) or re-export the layer")
    }

    @Test func missingFileIsNamed() {
        #expect { try GeoJSONPolygons(path: "/nonexistent/communes.geojson") } throws: {
            ($0 as? ObservatoireError)?.code == .cannotRead && ($0 as? ObservatoireError)?.path == "/nonexistent/communes.geojson"
        }
    }

    @Test(.enabled(if: SharedLayers.isAvailable, SharedLayers.absent))
    func readsTheCommunesOfTheBasin() throws {
        let features = try GeoJSONPolygons(path: SharedLayers.communes).features
        #expect(features.count == 330)
        #expect(Set(features.compactMap(\.identifier)).count == 330)
        #expect(features.filter { $0.geometry.polygons.count > 1 }.count == 1)
        let lens = try #require(features.first { $0.identifier == "62498" })
        #expect(lens.properties["nom"] == "Lens" && lens.properties["epci_siren"] == "246200364")
    }
}
