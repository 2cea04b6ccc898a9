import Foundation
import Reports
import Territories
import TestSupport
import Testing

/// The maps of the demo's portraits, drawn on the contours the demo loads: the layout's
/// indicators over the communes of an EPCI or a zone, and a commune inside its EPCI.
@Suite(.serialized)
struct PortraitMapsTests {
    static func portrait(_ id: String) throws -> Portrait {
        let sandbox = try DemoWarehouse.shared.get()
        let layout = try PortraitLayout(path: packageRoot.appendingPathComponent("pipelines/reports/portrait.yaml").path)
        let directory = try TerritoryDirectory(warehouse: sandbox.warehouse, geography: 2024)
        return try PortraitJob(warehouse: sandbox.warehouse, layout: layout, directory: directory, logger: .quiet)
            .run(territories: [id], command: "PortraitMapsTests")[0]
    }

    static func renderer() throws -> PortraitRenderer {
        PortraitRenderer(templates: try PortraitTemplates(directory: packageRoot.appendingPathComponent("pipelines/reports/templates").path))
    }

    @Test func anEPCIPortraitMapsTheLayoutsIndicatorsOverItsCommunes() throws {
        let portrait = try Self.portrait("EPCI:246200364")
        #expect(portrait.maps.map(\.indicator).first == "taux_pauvrete")
        #expect(portrait.maps.count >= 2, "\(portrait.maps.map(\.indicator))")
        for map in portrait.maps {
            #expect(map.svg.components(separatedBy: "<title>").count - 1 == 36, "\(map.indicator): one area per commune of the CA")
        }
        let html = try Self.renderer().text(portrait, format: .html)
        #expect(html.contains("<h2>Cartes</h2>"))
        #expect(html.components(separatedBy: "<figure class=\"map\"><svg").count - 1 == portrait.maps.count)
        // Each map's own ids, so that one page holds them all.
        let frames = html.matches(of: /clipPath id="(map-[0-9]+)-frame"/).map { String($0.1) }
        #expect(frames.count == portrait.maps.count && Set(frames).count == frames.count, "\(frames)")
    }

    @Test func aZonePortraitOutlinesItsEPCI() throws {
        let portrait = try Self.portrait("ZONE:bassin-minier")
        let map = try #require(portrait.maps.first)
        #expect(map.svg.components(separatedBy: "<title>").count - 1 == 330)
        #expect(map.svg.components(separatedBy: "fill=\"none\" stroke=\"#333333\" stroke-width=\"1.2\"").count - 1 == 9)
    }

    @Test func aCommuneIsShownInsideItsEPCI() throws {
        let portrait = try Self.portrait("COM:62498")
        #expect(portrait.maps.map(\.indicator) == ["taux_pauvrete"])
        let svg = try #require(portrait.maps.first?.svg)
        #expect(svg.components(separatedBy: "<title>").count - 1 == 36, "the communes of its EPCI")
        #expect(svg.components(separatedBy: "stroke=\"#d62828\" stroke-width=\"3\"").count - 1 == 1, "Lens outlined")
        #expect(svg.contains("Lens dans Communauté d&#39;agglomération de Lens - Liévin") || svg.contains("Lens dans Communauté d'agglomération de Lens - Liévin"))
    }

    @Test func aMarkdownPortraitLinksItsMapsWrittenBesideIt() throws {
        let portrait = try Self.portrait("EPCI:246200364")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("portrait-maps-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("EPCI-246200364.md").path
        try Self.renderer().write(portrait, format: .md, to: page)
        let text = try String(contentsOfFile: page, encoding: .utf8)
        for map in portrait.maps {
            let file = "EPCI-246200364-carte-\(map.indicator).svg"
            #expect(text.contains("](\(file))"), "\(file) linked")
            let written = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            #expect(written == map.svg)
        }
    }
}
