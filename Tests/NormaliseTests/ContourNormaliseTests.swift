import Cartography
import Foundation
import GRDB
import Ingest
import TestSupport
import Testing

/// Contours put on the geography of `normalise`, on the fixture COG: in 2024 Alpha (62001)
/// absorbed Beta (62002).
struct ContourNormaliseTests {
    /// A square of a quarter of a degree whose south-west corner is at (x, y): binary
    /// fractions, so that neighbours share their edge exactly.
    static func square(_ x: Double, _ y: Double) -> String {
        let ring = [(x, y), (x + 0.25, y), (x + 0.25, y + 0.25), (x, y + 0.25), (x, y)]
        return "[[" + ring.map { "[\($0.0), \($0.1)]" }.joined(separator: ", ") + "]]"
    }

    /// A layer in the layout of communes-mbm.geojson, on COG 2023 (declared at ingest).
    static func sandbox(features: [(code: String, x: Double, y: Double)]) throws -> Sandbox {
        let sandbox = try Sandbox()
        try sandbox.loadFixtureGeography()
        let items = features.map { feature in
            """
            {"type": "Feature", "properties": {"insee": "\(feature.code)", "nom": "C\(feature.code)", "epci_siren": "200000001"}, \
            "geometry": {"type": "Polygon", "coordinates": \(square(feature.x, feature.y))}}
            """
        }
        let path = try sandbox.write("communes-2023.geojson", "{\"type\": \"FeatureCollection\", \"features\": [\(items.joined(separator: ","))]}")
        let outcome = try sandbox.ingest(path, IngestOptions(geographyOfInput: 2023))
        #expect(outcome.status == .loaded, "\(outcome.message ?? "")")
        return sandbox
    }

    static func contour(_ sandbox: Sandbox, _ territory: String) throws -> (area: Double, parts: Int, basis: String)? {
        guard let row = try sandbox.rows("SELECT geometry, basis FROM territory_contours WHERE territory = ?", [territory]).first else { return nil }
        let geometry = try GeosGeometry(wkb: [UInt8](row["geometry"] as Data), in: try GeosContext())
        return (try geometry.area(), try geometry.componentCount(), row["basis"])
    }

    @Test func aMergedCommuneTakesTheUnionOfItsFormerCommunes() throws {
        let sandbox = try Self.sandbox(features: [(code: "62001", x: 2.5, y: 50.25), (code: "62002", x: 2.75, y: 50.25),
                                                  (code: "62003", x: 3.5, y: 50.25), (code: "59001", x: 4.0, y: 50.25)])
        let summary = try sandbox.normalise(2024)
        #expect(summary.contours?.byLevel["COM"] == 3)
        #expect(summary.contours?.notes == [])
        let alpha = try #require(try Self.contour(sandbox, "COM:62001"))
        #expect(alpha.area == 0.125, "two squares of 0.0625 square degrees: \(alpha.area)")
        #expect(alpha.parts == 1, "the shared edge is dissolved")
        #expect(alpha.basis == "union of 62001, 62002 of communes-2023.geojson (COG 2023)")
        #expect(try Self.contour(sandbox, "COM:62003")?.basis == "feature 3 of communes-2023.geojson (COG 2023)")
        #expect(try Self.contour(sandbox, "COM:62002") == nil, "Beta is no commune of 2024")
        let department = try #require(try Self.contour(sandbox, "DEP:62"))
        #expect(department.area == 0.1875 && department.parts == 2, "\(department)")
        #expect(department.basis == "union of its 2 communes")
    }

    @Test func aMergerWithAPartMissingFromTheLayerGetsNoContour() throws {
        let sandbox = try Self.sandbox(features: [(code: "62001", x: 2.5, y: 50.25), (code: "62003", x: 3.5, y: 50.25)])
        let summary = try sandbox.normalise(2024)
        #expect(try Self.contour(sandbox, "COM:62001") == nil, "never the outline of Alpha alone for Alpha and Beta")
        #expect(summary.contours?.notes == ["communes-2023.geojson: 62001 is made of 62001, 62002 (COG 2023); 62002 not in the layer: no contour"])
        #expect(try Self.contour(sandbox, "DEP:62")?.basis == "union of 1 of its 2 communes (the others have no contour or are not in the geography)")
    }

    @Test func aCodeThatIsNoCommuneIsSaidNotDropped() throws {
        let sandbox = try Self.sandbox(features: [(code: "62003", x: 3.5, y: 50.25), (code: "62999", x: 4.5, y: 50.25)])
        let summary = try sandbox.normalise(2024)
        #expect(summary.contours?.notes == ["communes-2023.geojson: 1 codes are no commune of COG 2023 (62999): not drawn"])
        #expect(try Self.contour(sandbox, "COM:62003") != nil)
    }
}
