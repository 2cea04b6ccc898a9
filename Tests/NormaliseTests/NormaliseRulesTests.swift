import Foundation
import GRDB
import Ingest
import Normalise
import Territories
import TestSupport
import Testing

/// `normalise` on a small geography written for the purpose: in COG 2024, Alpha (62001)
/// absorbed Beta (62002); Paris is given by its arrondissements; two communes share a name.
struct NormaliseRulesTests {
    /// A sandbox with the fixture COG loaded, and a census-like file on COG 2023.
    private func sandbox(data: String) throws -> Sandbox {
        let sandbox = try Sandbox()
        try sandbox.loadFixtureGeography()
        let path = try sandbox.write("base-cc-2021.csv", data)
        let outcome = try sandbox.ingest(path, IngestOptions(geographyOfInput: 2023))
        #expect(outcome.status == .loaded)
        return sandbox
    }

    private func value(_ sandbox: Sandbox, _ territory: String, _ variable: String) throws -> Row? {
        try sandbox.rows("SELECT value, status, conversion FROM v_normalised WHERE territory = ? AND variable = ?",
                         [territory, variable]).first
    }

    @Test func countsAreSummedOnAMergerAndMediansAreNotAveraged() throws {
        let sandbox = try sandbox(data: "CODGEO;P21_POP;MED21\n62001;100;20000\n62002;50;18000\n62003;7;s\n75101;10;1\n75102;20;2\n")
        try sandbox.normalise(2024)
        let population = try #require(try value(sandbox, "COM:62001", "P21_POP"))
        #expect(population["value"] == 150.0)
        #expect(population["status"] == "ok")
        #expect(population["conversion"] == "COG 2023 62001 + 62002")
        let median = try #require(try value(sandbox, "COM:62001", "MED21"))
        #expect(median["value"] == nil as Double?)
        #expect(median["status"] == "missing")
        #expect((median["conversion"] as String?)?.hasPrefix("not converted, not additive") == true)
        // Unchanged communes keep non-additive values and their status.
        #expect(try value(sandbox, "COM:62003", "MED21")?["status"] == "secret")
        #expect(try value(sandbox, "COM:62003", "P21_POP")?["conversion"] == nil as String?)
    }

    @Test func aMergedCommuneIsIncompleteWhenTheFileLacksOneOfItsParts() throws {
        let sandbox = try sandbox(data: "CODGEO;P21_POP;MED21\n62001;100;20000\n62003;7;19000\n")
        try sandbox.normalise(2024)
        let population = try #require(try value(sandbox, "COM:62001", "P21_POP"))
        #expect(population["status"] == "missing")
        #expect(population["value"] == nil as Double?)
        #expect(population["conversion"] == "incomplete: the file has 1 of the 2 communes of COG 2023 that make this one (62001)")
        #expect(try value(sandbox, "COM:62001", "MED21")?["status"] == "missing")
        #expect(try value(sandbox, "COM:62003", "MED21")?["value"] == 19_000.0)
    }

    @Test func aSecretPartMakesTheSumSecret() throws {
        let sandbox = try sandbox(data: "CODGEO;P21_POP\n62001;100\n62002;s\n62003;7\n")
        try sandbox.normalise(2024)
        let merged = try #require(try value(sandbox, "COM:62001", "P21_POP"))
        #expect(merged["status"] == "secret")
        #expect(merged["value"] == nil as Double?)
    }

    @Test func arrondissementsStayAndMakeTheirCommune() throws {
        let sandbox = try sandbox(data: "CODGEO;P21_POP;MED21\n62003;7;1\n75101;10;1\n75102;20;2\n")
        try sandbox.normalise(2024)
        #expect(try value(sandbox, "ARM:75101", "P21_POP")?["value"] == 10.0)
        let paris = try #require(try value(sandbox, "COM:75056", "P21_POP"))
        #expect(paris["value"] == 30.0)
        #expect(paris["conversion"] == "sum of the arrondissements municipaux 75101 + 75102")
        // A median is not made from arrondissements.
        #expect(try value(sandbox, "COM:75056", "MED21") == nil)
        let membership: String? = try sandbox.scalar("SELECT parent FROM memberships WHERE territory = 'ARM:75101'")
        #expect(membership == "COM:75056")
    }

    @Test func unknownCodesAreStoredNotDropped() throws {
        let sandbox = try sandbox(data: "CODGEO;P21_POP\n62003;7\n62999;5\n")
        let summary = try sandbox.normalise(2024)
        #expect(summary.unmappedCodes == 1)
        let rows = try sandbox.rows("SELECT code, observations, reason FROM unmapped_codes")
        #expect(rows.count == 1)
        #expect(rows.first?["code"] == "62999")
        #expect((rows.first?["reason"] as String?)?.contains("COG 2023") == true)
    }

    @Test func theGeographyOfAFileIsInferredWhenNotGiven() throws {
        let sandbox = try sandbox(data: "CODGEO;P21_POP\n62001;1\n62002;1\n62003;1\n59001;1\n")
        let path = try sandbox.write("filosofi-like-2021.csv", "CODGEO;P21_AUTRE\n62001;1\n62003;1\n59001;1\n")
        _ = try sandbox.ingest(path)
        let summary = try sandbox.normalise(2024)
        let inferred = try #require(summary.files.first { $0.name == "filosofi-like-2021.csv" })
        #expect(inferred.geography == 2024)
        #expect(inferred.geographyBasis?.hasPrefix("inferred COG 2024: all 3 commune codes match exactly") == true)
        let given = try #require(summary.files.first { $0.name == "base-cc-2021.csv" })
        #expect(given.geographyBasis == "given with --geography-of-input")
    }

    @Test func normaliseIsIdempotent() throws {
        let sandbox = try sandbox(data: "CODGEO;P21_POP\n62001;100\n62002;50\n")
        try sandbox.normalise(2024)
        let first = try sandbox.dump()
        try sandbox.normalise(2024)
        #expect(try sandbox.dump() == first)
    }

    @Test func aTargetNewerThanTheLoadedCOGIsRefusedAndChangesNothing() throws {
        let sandbox = try sandbox(data: "CODGEO;P21_POP\n62001;100\n")
        let before = try sandbox.dump()
        #expect(throws: (any Error).self) { try sandbox.normalise(2025) }
        #expect(try sandbox.dump() == before)
    }

    @Test func zonesFromAListAFileAndEPCIs() throws {
        let sandbox = try sandbox(data: "CODGEO;P21_POP\n62001;100\n62002;50\n62003;7\n")
        let zones = sandbox.directory.appendingPathComponent("zones")
        try sandbox.write("zones/listed.yaml", """
            id: listed
            label: Listed on COG 2023
            geography: 2023
            communes: ["62002", "62003"]
            """)
        try sandbox.write("zones/codes.geojson", """
            {"type": "FeatureCollection", "features": [
              {"type": "Feature", "properties": {"insee": "62003"}, "geometry": null},
              {"type": "Feature", "properties": {"insee": "59001"}, "geometry": null}]}
            """)
        try sandbox.write("zones/from-file.yaml", """
            id: from-file
            label: From a GeoJSON
            geography: 2024
            file: { path: codes.geojson, property: insee }
            """)
        try sandbox.normalise(2024, zonesDirectory: zones.path)
        let members = { (zone: String) in
            try sandbox.rows("SELECT territory FROM memberships WHERE parent = ? ORDER BY territory", [zone]).map { $0[0] as String }
        }
        // Beta (62002) of COG 2023 is inside Alpha (62001) in 2024.
        #expect(try members("ZONE:listed") == ["COM:62001", "COM:62003"])
        #expect(try members("ZONE:from-file") == ["COM:59001", "COM:62003"])
        let directory = try TerritoryDirectory(warehouse: sandbox.warehouse, geography: 2024)
        let profile = try directory.profile(of: try directory.resolve("ZONE:listed"))
        #expect(profile.memberCount == 2)
        #expect(profile.parents.map(\.id) == ["REG:32", "DEP:62"])
    }
}
