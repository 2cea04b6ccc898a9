import Foundation
import Testing

/// The real layers of the Bassin minier beside the repository (`../shared/data/bassin-minier`);
/// the tests that read them are skipped, saying so, when that folder is absent.
enum SharedLayers {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let folder = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data/bassin-minier")
    /// The 330 communes of the basin, with `insee`, `nom`, `epci_siren` …
    static let communes = folder.appendingPathComponent("communes-mbm.geojson").path
    static var isAvailable: Bool { FileManager.default.fileExists(atPath: communes) }
    static let absent: Comment = "../shared/data/bassin-minier/communes-mbm.geojson is absent: tests on the real communes skipped"
}
