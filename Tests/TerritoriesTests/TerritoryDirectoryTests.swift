import Foundation
import Ingest
import Territories
import TestSupport
import Testing
import Warehouse

/// Territory lookup on the small geography of `FixtureGeography` (COG 2024: Alpha 62001
/// absorbed Beta 62002; Paris by its arrondissements; two communes named Sainte-Marie),
/// through `TerritoryDirectory` and the warehouse's `TerritoryStore`.
struct TerritoryDirectoryTests {
    /// The fixture COG with a census-like file on COG 2023, normalised onto 2024 unless asked not to be.
    static func fixture(normalised: Bool = true) throws -> Sandbox {
        let sandbox = try Sandbox()
        try sandbox.loadFixtureGeography()
        let outcome = try sandbox.ingest(sandbox.write("base-cc-2021.csv", "CODGEO;P21_POP\n62001;100\n"), IngestOptions(geographyOfInput: 2023))
        #expect(outcome.status == .loaded)
        if normalised { try sandbox.normalise(2024) }
        return sandbox
    }

    @Test func territoriesAreFoundByCodeAndNameAndAmbiguousNamesListCandidates() throws {
        let sandbox = try Self.fixture()
        let directory = try TerritoryDirectory(warehouse: sandbox.warehouse, geography: nil)
        #expect(try directory.resolve("62001").id == "COM:62001")
        #expect(try directory.resolve("COM:62001").name == "Alpha")
        #expect(try directory.resolve("alpha").id == "COM:62001")
        #expect(try directory.resolve("DEP:62").name == "Pas-de-Calais")
        #expect(try directory.resolve("62").id == "DEP:62")
        #expect(try directory.resolve("reg:32").id == "REG:32")
        #expect(try directory.resolve("fr").id == "FR")
        #expect(try directory.resolve("75101").id == "ARM:75101")
        #expect(try directory.resolve("ile de france").id == "REG:11")
        do {
            _ = try directory.resolve("sainte marie")
            Issue.record("an ambiguous name must not resolve")
        } catch {
            let message = "\(error)"
            #expect(message.contains("COM:62003  Sainte-Marie, Pas-de-Calais"))
            #expect(message.contains("COM:59001  Sainte-Marie, Nord"))
        }
        #expect(throws: (any Error).self) { try directory.resolve("COM:99999") }
        #expect(try directory.search("SAINTE-MARIE").map(\.id).sorted() == ["COM:59001", "COM:62003"])
    }

    @Test func populationOfAnAggregateIsIncompleteOrWithheld() throws {
        let sandbox = try Self.fixture(normalised: false)
        let path = try sandbox.write("populations-legales-2022.csv", "REG;DEP;COM;PMUN;PCAP;PTOT\n32;62;62001;100;1;101\n32;59;59001;s;0;40\n")
        _ = try sandbox.ingest(path)
        try sandbox.normalise(2024)
        let directory = try TerritoryDirectory(warehouse: sandbox.warehouse, geography: 2024)
        // Nord's only commune is secret: no sum at all.
        let nord = try #require(try directory.profile(of: try directory.resolve("DEP:59")).populations.first)
        #expect(nord.status == "secret")
        #expect(nord.value == nil)
        // Sainte-Marie (62003) has no row: a sum over the communes that have one, said incomplete.
        let pasDeCalais = try #require(try directory.profile(of: try directory.resolve("DEP:62")).populations.first)
        #expect(pasDeCalais.status == "incomplete")
        #expect(pasDeCalais.value == 100)
        #expect(pasDeCalais.communesWithValue == 1 && pasDeCalais.communes == 2)
    }
    @Test func theStoreAnswersMembersCommunesSelectionsAndNames() throws {
        let sandbox = try Self.fixture()
        let store = TerritoryStore(geography: 2024)
        try sandbox.warehouse.read { db throws in
            #expect(try TerritoryStore.latestGeography(db) == 2024)
            #expect(try store.exists(db))
            #expect(try !TerritoryStore(geography: 2023).exists(db))
            #expect(try store.territory("COM:62001", db)?.name == "Alpha")
            #expect(try store.territory("COM:62002", db) == nil, "Beta is inside Alpha in 2024")
            #expect(try store.members(of: "DEP:62", level: "COM", db).map(\.id) == ["COM:62001", "COM:62003"])
            #expect(try store.communeIDs(of: "FR", db).sorted() == ["COM:59001", "COM:62001", "COM:62003", "COM:75056"])
            #expect(try store.communeIDs(of: "COM:75056", db) == ["COM:75056"])
            #expect(try store.parents(of: "COM:62001", db).map(\.id).sorted() == ["DEP:62", "FR", "REG:32"])
            #expect(try store.selection(level: "DEP", within: "REG:32", db).map(\.id) == ["DEP:59", "DEP:62"])
            #expect(try store.selection(level: "COM", within: "DEP:62", db).map(\.name) == ["Alpha", "Sainte-Marie"])
            #expect(try store.contains(["COM:62001", "COM:62003"], in: "DEP:62", db))
            #expect(try !store.contains(["COM:62001", "COM:59001"], in: "DEP:62", db))
            #expect(try store.names(of: ["COM:59001", "ARM:75101"], db) == ["COM:59001": "Sainte-Marie", "ARM:75101": "Paris 1er Arrondissement"])
            #expect(try store.named(containing: ["sainte", "marie"], db).map(\.id).sorted() == ["COM:59001", "COM:62003"])
        }
    }
}
