import Foundation
import TestSupport
import Testing

/// One error type: a failed command prints `error[CODE]: …` and `hint: …` and exits with
/// the code's status; every code is documented in docs/errors.md.
@Suite struct ErrorCodeCLITests {
    /// Every `ErrorCode("name", …)` declared in Sources.
    static func declaredCodes() throws -> [String] {
        let sources = Observatoire.packageRoot.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.lastPathComponent.hasPrefix("ErrorCode+") } ?? []
        let pattern = try NSRegularExpression(pattern: #"ErrorCode\(\s*"([a-z-]+)""#)
        return try files.flatMap { file -> [String] in
            let text = try String(contentsOf: file, encoding: .utf8)
            return pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
                Range($0.range(at: 1), in: text).map { String(text[$0]) }
            }
        }.sorted()
    }

    @Test func everyCodeIsDocumentedOnce() throws {
        let codes = try Self.declaredCodes()
        #expect(codes.count >= 60)
        #expect(Set(codes).count == codes.count, "a code declared twice: \(codes)")
        let errors = try String(contentsOf: Observatoire.packageRoot.appendingPathComponent("docs/errors.md"), encoding: .utf8)
        for code in codes {
            #expect(errors.contains("| `\(code)` |"), "\(code) is not in docs/errors.md")
        }
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: Observatoire.binary.path), "the observatoire binary is not built"))
    func aFailurePrintsItsCodeAndHintAndExitsWithItsStatus() throws {
        let directory = try Observatoire.temporaryDirectory()
        let missing = try Observatoire.run(["territories", "search", "--warehouse", directory.appendingPathComponent("none.sqlite").path, "Lens"])
        #expect(missing.status == 1)
        #expect(missing.errors.hasPrefix("error[missing-warehouse]: no warehouse at "), "\(missing.errors)")
        #expect(missing.errors.contains("\nhint: observatoire demo, observatoire run or observatoire ingest builds one"))

        let warehouse = directory.appendingPathComponent("w.sqlite").path
        let refused = try Observatoire.run(["ingest", "--warehouse", warehouse, "raw/demo/cog/2024/communes.csv", "--source", "filosofi-commune-2021"])
        #expect(refused.status == 1)
        #expect(refused.errors.contains("error[missing-column]: "), "\(refused.errors)")
        #expect(refused.errors.contains("hint: check that the file is the one published, unedited"))
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: Observatoire.binary.path), "the observatoire binary is not built"),
          .enabled(if: SharedData.isAvailable, "../shared/data is absent"))
    func aFileAnotherCommandReadsNamesThatCommand() throws {
        let warehouse = try Observatoire.temporaryDirectory().appendingPathComponent("w.sqlite").path
        let cites = try Observatoire.run(["ingest", "--warehouse", warehouse, SharedData.path("bassin-minier/cites-unesco-124.geojson")])
        #expect(cites.status == 1)
        #expect(cites.errors.contains("error[read-by-another-command]: "), "\(cites.errors)")
        #expect(cites.errors.contains("a GeoJSON list of cités minières: use observatoire cites references cites-unesco-124.geojson --list ID"))
        #expect(!cites.errors.contains("malformed"))
        let outlines = try Observatoire.run(["ingest", "--warehouse", warehouse, SharedData.path("bassin-minier/epci.geojson")])
        #expect(outlines.status == 1)
        #expect(outlines.errors.contains("a GeoJSON layer that no contours source recognises (properties: code_siren, nom): declare it under "
            + "pipelines/sources with kind: contours (docs/maps.md), or draw it as it is with observatoire map INDICATOR --territory T --contours epci.geojson"),
            "\(outlines.errors)")
        let contours = try Observatoire.run(["ingest", "--warehouse", warehouse, SharedData.path("bassin-minier/communes-mbm.geojson")])
        #expect(contours.status == 0, "the communes are a contours source: \(contours.errors)")
    }
}
