import Core
import Foundation
import Ingest
import Testing
import TestSupport

/// Contours as a source: a GeoJSON layer recognised by its properties, each feature's code
/// checked, its geometry checked valid by GEOS, kept as WKB.
struct ContourIngestTests {
    /// A layer in the published layout of communes-mbm.geojson, features given as
    /// (code, ring of longitude/latitude pairs).
    static func layer(_ features: [(code: String, ring: [(Double, Double)])]) -> String {
        let items = features.enumerated().map { index, feature in
            let ring = feature.ring.map { "[\($0.0), \($0.1)]" }.joined(separator: ", ")
            return """
                {"type": "Feature", "properties": {"insee": "\(feature.code)", "nom": "Commune \(index + 1)", "statut": "Commune simple", \
                "population": 1000, "surface_km2": 4.0, "epci_siren": "200044618", "epci_nom": "CA Douaisis Agglo"}, \
                "geometry": {"type": "Polygon", "coordinates": [[\(ring)]]}}
                """
        }
        return "{\"type\": \"FeatureCollection\", \"features\": [\(items.joined(separator: ",\n"))]}"
    }

    static let square = [(3.10, 50.30), (3.12, 50.30), (3.12, 50.32), (3.10, 50.32), (3.10, 50.30)]
    static let bowTie = [(3.20, 50.30), (3.22, 50.32), (3.22, 50.30), (3.20, 50.32), (3.20, 50.30)]

    @Test(.enabled(if: SharedData.isAvailable, "../shared/data is absent: the real contours are not loaded"))
    func theBasinsCommunesLoadAsContours() throws {
        let sandbox = try Sandbox()
        let outcome = try sandbox.ingest(SharedData.path("bassin-minier/communes-mbm.geojson"))
        #expect(outcome.status == .loaded, "\(outcome.message ?? "")")
        #expect(outcome.sourceID == "contours-communes-mbm")
        #expect(outcome.counts == .init(rowsRead: 330, rowsLoaded: 330, rowsRejected: 0))
        #expect(outcome.unusedColumns.isEmpty)
        #expect(try sandbox.scalar("SELECT count(DISTINCT code) FROM contour_features WHERE level = 'COM'") == 330)
        #expect(try sandbox.scalar("SELECT name FROM contour_features WHERE code = '62498'") == "Lens")
        // ISO WKB, little-endian (01), MultiPolygon (type 6).
        #expect(try sandbox.scalar("SELECT count(*) FROM contour_features WHERE hex(substr(geometry, 1, 5)) = '0106000000'") == 330)
    }

    /// The national layer `fetch` downloads, in Etalab's layout: recognised by its
    /// properties and name, its COG the vintage in its name.
    @Test func etalabsNationalLayerIsRecognisedWithItsCOG() throws {
        let sandbox = try Sandbox()
        let ring = Self.square.map { "[\($0.0), \($0.1)]" }.joined(separator: ", ")
        let path = try sandbox.write("contours/2024/communes-100m-2024.geojson", """
            {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"code": "62498", "nom": "Lens", \
            "departement": "62", "region": "32", "epci": "246200364", "plm": false}, "geometry": {"type": "Polygon", "coordinates": [[\(ring)]]}}]}
            """)
        let outcome = try sandbox.ingest(path)
        #expect(outcome.status == .loaded, "\(outcome.message ?? "")")
        #expect(outcome.sourceID == "etalab-contours-communes" && outcome.vintage == "2024")
        #expect(outcome.unusedColumns.isEmpty)
        #expect(try sandbox.scalar("SELECT geography FROM files") == 2024)
    }

    @Test func aSelfIntersectingOrRepeatedFeatureIsRejectedNamingIt() throws {
        let sandbox = try Sandbox()
        let path = try sandbox.write("communes-2024.geojson", Self.layer([
            (code: "59276", ring: Self.square), (code: "59277", ring: Self.bowTie), (code: "59276", ring: Self.square),
        ]))
        let outcome = try sandbox.ingest(path)
        #expect(outcome.status == .rejections)
        #expect(outcome.counts == .init(rowsRead: 3, rowsLoaded: 1, rowsRejected: 2))
        let reasons = outcome.firstRejections.map { "\($0.line) \($0.column ?? "-"): \($0.reason)" }
        #expect(reasons.count == 2)
        #expect(reasons.first?.hasPrefix("2 geometry: invalid geometry (Self-intersection") == true, "\(reasons)")
        #expect(reasons.last == "3 insee: feature 1 has the same code: one contour per territory", "\(reasons)")
        #expect(try sandbox.scalar("SELECT count(*) FROM contour_features") == 1)
    }

    @Test func aCodeThatLostItsLeadingZeroIsRefusedUnlessRepaired() throws {
        let sandbox = try Sandbox()
        let path = try sandbox.write("communes-2024.geojson", Self.layer([(code: "1001", ring: Self.square)]))
        let refused = try sandbox.ingest(path)
        #expect(refused.status == .failed, "\(refused.message ?? "")")
        #expect(refused.message?.contains("leading zero") == true, "\(refused.message ?? "")")
        let repaired = try sandbox.ingest(path, IngestOptions(repairLeadingZeros: true))
        #expect(repaired.status == .loaded)
        #expect(try sandbox.scalar("SELECT code FROM contour_features") == "01001")
    }
}
