import Foundation
import Testing
import TestSupport

/// `export --format gpkg|geojson` on the demo: the indicators on the contours of the
/// warehouse, read back by GDAL's ogrinfo as QGIS would open them.
@Suite(.enabled(if: FileManager.default.fileExists(atPath: Observatoire.binary.path), "the observatoire binary is not built"),
       .enabled(if: GDAL.isAvailable, GDAL.absent))
struct GISExportCLITests {
    static func demo() throws -> (directory: URL, warehouse: String) {
        let directory = try Observatoire.temporaryDirectory()
        let warehouse = directory.appendingPathComponent("w.sqlite").path
        #expect(try Observatoire.run(["run", "--warehouse", warehouse, "--raw", "raw/demo", "--quiet"]).status == 0)
        return (directory, warehouse)
    }

    @Test func aGeoPackageOfTheCommunesAndTheirEPCIInLambert93() throws {
        let (directory, warehouse) = try Self.demo()
        let path = directory.appendingPathComponent("bassin-minier.gpkg").path
        let export = try Observatoire.run(["export", "--warehouse", warehouse, "--indicators", "taux_pauvrete,population",
                                           "--level", "commune", "--within", "ZONE:bassin-minier", "--format", "gpkg", "--output", path])
        #expect(export.status == 0, "\(export.errors)")
        #expect(!export.errors.contains("no contour"), "\(export.errors)")

        let summary = try GDAL.run(GDAL.ogrinfo, ["-so", "-al", path])
        #expect(!summary.contains("Warning") && !summary.contains("ERROR"), "\(summary)")
        let layers = summary.components(separatedBy: "Layer name: ").dropFirst().map { $0.prefix { $0 != "\n" } }
        #expect(layers == ["communes", "epci"], "\(summary)")
        let communes = summary.components(separatedBy: "Layer name: epci")[0]
        #expect(communes.contains("Geometry: Multi Polygon") && communes.contains("Feature Count: 330"), "\(communes)")
        #expect(communes.contains("ID[\"EPSG\",2154]"))
        #expect(communes.contains("taux_pauvrete_2021: Real") && communes.contains("taux_pauvrete_2021_statut: String"), "\(communes)")
        #expect(communes.contains("code: String") && communes.contains("nom: String"))
        #expect(summary.components(separatedBy: "Layer name: epci")[1].contains("Feature Count: 9"), "the 9 EPCI with communes in the basin")

        // Lens: its published rate as a number; a secret commune: no number, its status beside it.
        let lens = try GDAL.run(GDAL.ogrinfo, ["-q", path, "communes", "-where", "code = '62498'"])
        #expect(lens.contains("taux_pauvrete_2021 (Real) = 32") && lens.contains("taux_pauvrete_2021_statut (String) = ok"), "\(lens)")
        let secret = try GDAL.run(GDAL.ogrinfo, ["-q", path, "communes", "-where", "taux_pauvrete_2021_statut = 'secret'"])
        #expect(secret.contains("taux_pauvrete_2021 (Real) = (null)"), "\(secret)")
        #expect(!secret.contains("taux_pauvrete_2021 (Real) = 1") && !secret.contains("taux_pauvrete_2021 (Real) = 2"))
    }

    @Test func geoJSONOfTheEPCIInWGS84() throws {
        let (directory, warehouse) = try Self.demo()
        let path = directory.appendingPathComponent("epci.geojson").path
        let export = try Observatoire.run(["export", "--warehouse", warehouse, "--indicators", "population",
                                           "--level", "epci", "--within", "ZONE:bassin-minier", "--format", "geojson", "--output", path])
        #expect(export.status == 0, "\(export.errors)")
        let summary = try GDAL.run(GDAL.ogrinfo, ["-so", "-al", path])
        #expect(summary.contains("Feature Count: 9") && summary.contains("Geometry: Multi Polygon"), "\(summary)")
        #expect(summary.contains("ID[\"EPSG\",4326]"), "GeoJSON is WGS84: \(summary)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        #expect(document["crs"] == nil)
        let features = try #require(document["features"] as? [[String: Any]])
        let lens = try #require(features.first { ($0["properties"] as? [String: Any])?["code"] as? String == "246200364" })
        let properties = try #require(lens["properties"] as? [String: Any])
        #expect((properties["population_2021"] as? Double).map { $0 > 240_000 } == true, "\(properties)")
    }
}
