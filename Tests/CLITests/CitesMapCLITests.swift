import Foundation
import Testing
import TestSupport

/// The cités minières on the maps: the UNESCO and ERBM lists of ../shared loaded with their
/// outlines, the demo's inventory naming two of them with their operations.
@Suite(.enabled(if: FileManager.default.fileExists(atPath: Observatoire.binary.path) && SharedData.isAvailable,
                "the observatoire binary is not built or ../shared/data is absent"))
struct CitesMapCLITests {
    @Test func theCitesAreDrawnByRenovationProgressOnTheMapAndInTheEPCIPortrait() throws {
        let directory = try Observatoire.temporaryDirectory()
        let warehouse = directory.appendingPathComponent("w.sqlite").path
        #expect(try Observatoire.run(["run", "--warehouse", warehouse, "--raw", "raw/demo", "--quiet"]).status == 0)
        for (list, file) in [("unesco", "cites-unesco-124.geojson"), ("erbm", "cites-erbm.geojson")] {
            let loaded = try Observatoire.run(["cites", "references", SharedData.path("bassin-minier/\(file)"), "--list", list,
                                               "--geography", "2024", "--warehouse", warehouse])
            #expect(loaded.status == 0 && !loaded.errors.contains("outlines"), "\(loaded.errors)")
        }
        #expect(try Observatoire.run(["cites", "rank", "--warehouse", warehouse]).status == 0)

        let svg = directory.appendingPathComponent("cites.svg").path
        let map = try Observatoire.run(["map", "taux_pauvrete", "--territory", "ZONE:bassin-minier", "--cites", "--cite-labels", "rank",
                                        "--warehouse", warehouse, "--output", svg])
        #expect(map.status == 0, "\(map.errors)")
        let text = try String(contentsOfFile: svg, encoding: .utf8)
        let cites = text.components(separatedBy: "<g class=\"cite\">").count - 1
        #expect(cites > 100 && cites < 183, "the cités of both lists, each drawn once: \(cites)")
        // C001 (Arenberg, UNESCO 15D) and C002 (Courtaine, 55F): every operation delivered.
        #expect(text.contains("cité rénovée (opérations livrées) (2)"), "the legend counts them")
        #expect(text.contains("Cité d&#39;Arenberg : cité rénovée") || text.contains("Cité d'Arenberg : cité rénovée"))
        #expect(text.contains("cité de la liste de référence, hors inventaire"))

        let page = directory.appendingPathComponent("lens.html").path
        #expect(try Observatoire.run(["portrait", "EPCI:246200364", "--format", "html", "--warehouse", warehouse, "--output", page]).status == 0)
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(html.contains("Cités minières et rénovation, sur : "), "the cités map of the EPCI's portrait")
        #expect(html.contains("id=\"map-cites-frame\""))
    }
}
