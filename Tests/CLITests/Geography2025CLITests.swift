import Foundation
import TestSupport
import Testing

/// `normalise --geography 2025` as a user runs it once COG 2025 and the EPCI of 1 January
/// 2025 are downloaded (made here of two real changes of 2025, `Geography2025`).
@Suite(.enabled(if: FileManager.default.fileExists(atPath: Observatoire.binary.path), "the observatoire binary is not built"),
       .enabled(if: SharedData.isAvailable && Python.hasOpenpyxl, "needs ../shared/data and Debian's python3-openpyxl"))
struct Geography2025CLITests {
    @Test func normaliseOntoCOG2025() throws {
        let directory = try Observatoire.temporaryDirectory()
        try Geography2025.write(into: directory)
        let warehouse = directory.appendingPathComponent("w.sqlite").path
        let ingest = try Observatoire.run(["ingest", "--warehouse", warehouse, "--quiet", SharedData.path("cog/2024"),
                                           SharedData.path("population/populations-legales-2022-ensemble.xlsx"),
                                           directory.appendingPathComponent("cog/2025").path, directory.appendingPathComponent("epci").path])
        #expect(ingest.status == 0, "\(ingest.errors)")
        let normalise = try Observatoire.run(["normalise", "--warehouse", warehouse, "--geography", "2025"])
        #expect(normalise.status == 0, "\(normalise.errors)")
        #expect(normalise.output.contains("geography 2025 (history from COG 2025 and its mouvements)"))
        #expect(normalise.output.contains("passage COG 2024 → 2025: 34939 rows, 7 changed, 1 communes split"))
        // The counts of communes published with the 2022 populations are of COG 2024: the
        // Seine-Saint-Denis has 39 communes in 2025, not 40, and is not partial.
        #expect(!normalise.output.contains("partial territories"))
        #expect(normalise.output.contains("EPCI from insee-epci-composition EPCI_au_01-01-2025.xlsx"))
        let celles = try Observatoire.run(["territories", "show", "--warehouse", warehouse, "15031"])
        #expect(celles.status == 0, "\(celles.errors)")
        #expect(celles.output.contains("Communauté de communes Hautes Terres Communauté (EPCI:200066637)"))
        // The default geography is the most recent one; 2024 stays available.
        #expect(try Observatoire.run(["normalise", "--warehouse", warehouse, "--quiet", "--geography", "2024"]).status == 0)
    }
}
