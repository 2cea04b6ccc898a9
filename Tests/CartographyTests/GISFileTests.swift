import Cartography
import Foundation
import TestSupport
import Testing

/// The GeoPackage and GeoJSON files a GIS opens: written from the real communes of the
/// basin, then read back by GDAL (what QGIS uses) and compared with what GDAL itself writes.
@Suite(.enabled(if: SharedLayers.isAvailable, SharedLayers.absent), .enabled(if: GDAL.isAvailable, GDAL.absent))
struct GISFileTests {
    static let fields = [FeatureLayer.Field("code", .text), FeatureLayer.Field("nom", .text),
                         FeatureLayer.Field("population", .real), FeatureLayer.Field("rang", .integer)]

    /// The communes with four attributes; Lens's population left null, as a withheld value is.
    static func layer(crs: String, project: Bool) throws -> FeatureLayer {
        let projection = try Reprojection()
        let communes = try GeoJSONPolygons(path: SharedLayers.communes).features
        var layer = FeatureLayer(name: "communes", title: "Communes du Bassin minier", description: "population", crs: crs, fields: fields)
        for (rank, commune) in communes.enumerated() {
            let code = commune.properties["insee"] ?? ""
            let population = code == "62498" ? FeatureLayer.Value.null : .real(Double(commune.properties["population"] ?? "") ?? 0)
            layer.features.append(FeatureLayer.Feature(
                geometry: project ? try projection.project(commune.geometry) : commune.geometry,
                values: [.text(code), .text(commune.properties["nom"] ?? ""), population, .integer(Int64(rank + 1))]))
        }
        return layer
    }

    @Test func geoPackageOpensInGDALWithItsLayerSRSAndFieldTypes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gpkg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("communes.gpkg").path
        try GeoPackageWriter().write([try Self.layer(crs: Reprojection.lambert93, project: true)], to: path)

        let summary = try GDAL.run(GDAL.ogrinfo, ["-so", "-al", path])
        #expect(summary.contains("using driver `GPKG' successful"), "\(summary)")
        #expect(!summary.contains("Warning") && !summary.contains("ERROR"), "GDAL finds fault with the file: \(summary)")
        #expect(summary.contains("Layer name: communes"))
        #expect(summary.contains("Geometry: Multi Polygon"))
        #expect(summary.contains("Feature Count: 330"))
        #expect(summary.contains("PROJCRS[\"RGF93 v1 / Lambert-93\"") && summary.contains("ID[\"EPSG\",2154]"), "\(summary)")
        #expect(summary.contains("code: String") && summary.contains("nom: String"))
        #expect(summary.contains("population: Real") && summary.contains("rang: Integer64"))

        // Lens: its attributes, and a null where the value is withheld.
        let lens = try GDAL.run(GDAL.ogrinfo, ["-q", "-al", path, "-where", "code = '62498'"])
        #expect(lens.contains("nom (String) = Lens") && lens.contains("population (Real) = (null)"), "\(lens)")

        // The same areas as GDAL's own reprojection of the same GeoJSON (PROJ on both sides).
        let reference = folder.appendingPathComponent("reference.gpkg").path
        try GDAL.run(GDAL.ogr2ogr, ["-f", "GPKG", reference, SharedLayers.communes, "-t_srs", "EPSG:2154", "-nln", "communes"])
        let ours = try GDAL.totalArea(of: path, layer: "communes")
        let theirs = try GDAL.totalArea(of: reference, layer: "communes")
        #expect(abs(ours - theirs) / theirs < 1e-9, "ours \(ours) m², GDAL's \(theirs) m²")
        #expect(ours > 1_000_000_000, "the 330 communes cover more than 1,000 km²: \(ours)")
    }

    @Test func geoJSONIsRFC7946AndReadsBack() throws {
        let layer = try Self.layer(crs: Reprojection.wgs84, project: false)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("communes-\(UUID().uuidString).geojson").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try GeoJSONWriter().data(of: layer).write(to: URL(fileURLWithPath: path))

        let summary = try GDAL.run(GDAL.ogrinfo, ["-so", "-al", path])
        #expect(summary.contains("Feature Count: 330") && summary.contains("population: Real") && summary.contains("rang: Integer"), "\(summary)")
        let read = try GeoJSONPolygons(path: path).features
        #expect(read.count == 330)
        #expect(read.first { $0.properties["code"] == "62498" }?.properties["population"] == nil)
        for feature in read {
            for polygon in feature.geometry.polygons {
                #expect(Self.signedArea(polygon.exterior) > 0, "exterior ring of \(feature.label) clockwise")
                for hole in polygon.holes { #expect(Self.signedArea(hole) < 0, "hole of \(feature.label) counterclockwise") }
            }
        }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!text.contains("\"crs\""), "RFC 7946 has no crs member")
    }

    static func signedArea(_ ring: [Coordinate]) -> Double {
        zip(ring, ring.dropFirst()).reduce(0) { $0 + $1.0.x * $1.1.y - $1.1.x * $1.0.y } / 2
    }
}
