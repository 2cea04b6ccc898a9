import Foundation
import Reports
import Territories
import TestSupport
import Testing

/// The page linking a batch of portraits: the 36 communes of the CA de Lens-Liévin.
@Suite(.serialized) struct PortraitIndexTests {
    @Test func oneRowPerPortraitWithItsLinkAndTheLayoutsMemberIndicators() throws {
        let sandbox = try DemoWarehouse.shared.get()
        let layout = try PortraitLayout(path: packageRoot.appendingPathComponent("pipelines/reports/portrait.yaml").path)
        let directory = try TerritoryDirectory(warehouse: sandbox.warehouse, geography: 2024)
        let communes = try sandbox.lines("""
            SELECT territory FROM memberships WHERE geography = 2024 AND parent = 'EPCI:246200364' AND territory LIKE 'COM:%' ORDER BY 1
            """)
        #expect(communes.count == 36)
        let portraits = try PortraitJob(warehouse: sandbox.warehouse, layout: layout, directory: directory, logger: .quiet).run(territories: communes, command: "test")
        let renderer = PortraitRenderer(templates: try PortraitTemplates(directory: packageRoot.appendingPathComponent("pipelines/reports/templates").path))
        let folder = sandbox.directory.appendingPathComponent("index-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = try renderer.writeIndex(portraits, format: .html, layout: layout, scope: "communes de Lens-Liévin", in: folder.path)
        let html = try String(contentsOfFile: path, encoding: .utf8)
        #expect(path.hasSuffix("/index.html"))
        #expect(html.components(separatedBy: "<tr><td><a href=\"COM-").count - 1 == 36)
        #expect(html.contains("<a href=\"COM-62498.html\">Lens</a>"))
        #expect(html.contains("<th class=\"sortable\">Taux de pauvreté au seuil de 60 % du niveau de vie médian (%)</th>"))
        #expect(html.contains("data-sort=\"32.0\">32,0"), "Lens's rate, sortable as a number")
        #expect(html.contains("<td data-sort=\"\">s</td>"), "a secret rate is its symbol, sorted last")
        #expect(html.contains("<footer>Produit le "))
    }
}
