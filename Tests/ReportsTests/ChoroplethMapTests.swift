import Cartography
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Reports
import TestSupport
import Testing

/// The poverty rate of the 330 communes of the Bassin minier, on their real contours
/// (Mission Bassin Minier), reprojected to Lambert-93 and simplified as a coverage.
@Suite(.serialized) struct ChoroplethMapTests {
    private func map() throws -> ChoroplethMap {
        let sandbox = try DemoWarehouse.shared.get()
        let projection = try Reprojection()
        let communes = try GeoJSONPolygons(path: SharedData.path("bassin-minier/communes-mbm.geojson")).features.map(projection.project)
        let (simplified, _) = try CoverageSimplifier(tolerance: 100).simplify(communes)
        let epcis = try GeoJSONPolygons(path: SharedData.path("bassin-minier/epci.geojson")).features.map(projection.project)
        let values = Dictionary(uniqueKeysWithValues: try sandbox.rows("""
            SELECT territory, value, status FROM indicator_values
            WHERE geography = 2024 AND indicator_id = 'taux_pauvrete' AND period = '2021' AND territory LIKE 'COM:%'
            """).map { ($0["territory"] as String, ($0["value"] as Double?, $0["status"] as String)) })
        let areas = simplified.map { feature in
            let code = feature.identifier ?? ""
            let value = values["COM:" + code]
            return ChoroplethMap.Area(code: code, name: feature.properties["nom"] ?? code, geometry: feature.geometry,
                                      value: value?.0, status: value?.1 ?? "missing")
        }
        var map = ChoroplethMap(title: "Taux de pauvreté au seuil de 60 % (2021)", caption: "Source : Insee-DGFiP-Cnaf-Cnav-Ccmsa, Filosofi 2021 ; contours Mission Bassin Minier",
                                unit: "%", isCount: false, areas: areas)
        map.outlines = epcis.map(\.geometry)
        return map
    }

    @Test(.enabled(if: SharedData.isAvailable, "../shared/data is absent"))
    func everyCommuneWithItsClassItsHatchOrItsGreyExplained() throws {
        let map = try map()
        let svg = map.svg()
        #expect(svg.components(separatedBy: "<title>").count - 1 == 330, "a tooltip per commune")
        #expect(svg.contains("<title>Lens (62498) : 32,0\u{00A0}%</title>"))
        #expect(svg.contains("fill=\"url(#map-secret)\""), "secret rates hatched")
        let bounds = map.bounds
        #expect(bounds.count == 6, "five classes")
        #expect(svg.contains("de \(FrenchNumber.format(bounds[0], unit: "%")) à moins de \(FrenchNumber.format(bounds[1], unit: "%"))"))
        #expect(svg.contains("secret statistique ("))
        #expect(svg.contains("Classes : de même effectif (quantiles)"))
        // Lens, among the poorest, in the darkest class.
        let lens = try #require(svg.split(separator: "\n").first { $0.contains("<title>Lens (62498)") })
        #expect(lens.contains("fill=\"\(Palette.sequential.colours(5)[4])\""))
        // Well-formed XML, as an SVG file must be.
        let parser = XMLParser(data: Data(svg.utf8))
        #expect(parser.parse(), "\(parser.parserError.map(String.init(describing:)) ?? "")")
    }

    @Test(.enabled(if: SharedData.isAvailable, "../shared/data is absent"),
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/rsvg-convert"), "librsvg's rsvg-convert is not installed (scripts/setup-debian)"))
    func asAPageAndAsAPicture() throws {
        let map = try map()
        let html = String(decoding: try MapFormat.html.data(of: map), as: UTF8.self)
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("<svg xmlns=") && html.contains("<title>Taux de pauvreté au seuil de 60 % (2021)</title>"))
        let png = try MapFormat.png.data(of: map)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        // Width in the PNG header (bytes 16–19): twice the SVG's 760 pixels.
        let width = png[16..<20].reduce(0) { $0 << 8 | Int($1) }
        #expect(width == 1_520)
        #expect(throws: (any Error).self) { try MapFormat.png.data(of: map, renderer: "/nonexistent/rsvg-convert") }
    }
}
