import Foundation
import Testing

/// `observatoire map` on the demo warehouse and the real contours of the Bassin minier.
@Suite struct MapCLITests {
    private static let contours = Observatoire.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data/bassin-minier")

    @Test(.enabled(if: FileManager.default.fileExists(atPath: Observatoire.binary.path)
                   && FileManager.default.fileExists(atPath: contours.path), "the binary is not built or ../shared/data is absent"))
    func aChoroplethOfTheBasinAndAClearErrorWhenContoursAreMissing() throws {
        let directory = try Observatoire.temporaryDirectory()
        let warehouse = directory.appendingPathComponent("w.sqlite").path
        #expect(try Observatoire.run(["run", "--warehouse", warehouse, "--raw", "raw/demo", "--quiet"]).status == 0)
        let svg = directory.appendingPathComponent("pauvrete.svg").path
        let map = try Observatoire.run(["map", "taux_pauvrete", "--warehouse", warehouse, "--territory", "ZONE:bassin-minier",
                                        "--contours", Self.contours.appendingPathComponent("communes-mbm.geojson").path,
                                        "--outlines", Self.contours.appendingPathComponent("epci.geojson").path,
                                        "--breaks", "jenks", "--output", svg])
        #expect(map.status == 0, "\(map.errors)")
        let text = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(text.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(text.contains("Classes : seuils naturels (Jenks)"))
        #expect(text.components(separatedBy: "<title>").count - 1 == 330)
        // Contours of one EPCI only: the other communes of the basin have none, and nothing is written.
        let cut = directory.appendingPathComponent("lens-only.geojson")
        let all = try JSONSerialization.jsonObject(with: Data(contentsOf: Self.contours.appendingPathComponent("communes-mbm.geojson"))) as! [String: Any]
        let lens = (all["features"] as! [[String: Any]]).filter { (($0["properties"] as? [String: Any])?["epci_siren"] as? String) == "246200364" }
        try JSONSerialization.data(withJSONObject: ["type": "FeatureCollection", "features": lens]).write(to: cut)
        let missing = directory.appendingPathComponent("missing.svg").path
        let refused = try Observatoire.run(["map", "taux_pauvrete", "--warehouse", warehouse, "--territory", "ZONE:bassin-minier",
                                            "--contours", cut.path, "--output", missing])
        #expect(refused.status == 1)
        #expect(refused.errors.contains("294 communes of Bassin minier du Nord-Pas-de-Calais (ZONE:bassin-minier) have no contour in lens-only.geojson"), "\(refused.errors)")
        #expect(!FileManager.default.fileExists(atPath: missing))
    }

    /// Without --contours, the contours the demo loaded and normalise put on its geography:
    /// the 330 communes, and the outlines of the 9 EPCI made from them.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: Observatoire.binary.path), "the observatoire binary is not built"))
    func aChoroplethFromTheWarehousesContours() throws {
        let directory = try Observatoire.temporaryDirectory()
        let warehouse = directory.appendingPathComponent("w.sqlite").path
        #expect(try Observatoire.run(["run", "--warehouse", warehouse, "--raw", "raw/demo", "--quiet"]).status == 0)
        let svg = directory.appendingPathComponent("pauvrete.svg").path
        let map = try Observatoire.run(["map", "taux_pauvrete", "--warehouse", warehouse, "--territory", "ZONE:bassin-minier", "--output", svg])
        #expect(map.status == 0, "\(map.errors)")
        let text = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(text.components(separatedBy: "<title>").count - 1 == 330)
        #expect(text.contains("contours : communes-mbm.geojson ;"))
        #expect(text.components(separatedBy: "fill=\"none\" stroke=\"#333333\" stroke-width=\"1.2\"").count - 1 == 9, "the EPCI outlined")
    }
}
