import Changes
import Foundation
import Indicators
import Ingest
import TestSupport
import Testing
import Warehouse

/// What changed when INSEE corrects a file: the demo, then its Filosofi file with Lens's
/// median corrected from 17,250 to 17,350 €.
struct ChangeReaderTests {
    /// The demo loaded, normalised and computed; with `corrected`, the corrected Filosofi file after it.
    private func warehouse(corrected: Bool) throws -> Sandbox {
        let sandbox = try Sandbox()
        _ = try sandbox.ingest([packageRoot.appendingPathComponent("raw/demo").path])
        try sandbox.normalise(2024, zonesDirectory: packageRoot.appendingPathComponent("pipelines/zones").path)
        try sandbox.compute()
        guard corrected else { return sandbox }
        let original = try String(contentsOf: packageRoot.appendingPathComponent("raw/demo/cc_filosofi_2021_COM.csv"), encoding: .utf8)
        let text = original.replacingOccurrences(of: "\n62498;13571;28508;17250;", with: "\n62498;13571;28508;17350;")
        #expect(text != original)
        _ = try sandbox.ingest(try sandbox.write("v2/cc_filosofi_2021_COM.csv", text))
        try sandbox.normalise(2024, zonesDirectory: packageRoot.appendingPathComponent("pipelines/zones").path)
        try sandbox.compute()
        return sandbox
    }

    @Test func theLastComputeAgainstWhatItReplaced() throws {
        let sandbox = try warehouse(corrected: true)
        let report = try ChangeReader().changes(in: sandbox.warehouse)
        #expect(report.files.map(\.name) == ["cc_filosofi_2021_COM.csv"])
        #expect(report.files.first.map { $0.before != nil && $0.before?.sha256 != $0.after?.sha256 } == true)
        #expect(report.values.count == 16)
        #expect(Set(report.values.map(\.indicator)) == ["niveau_vie_median", "taux_pauvrete"])
        // The median moved by 0.6 %, beyond the 0.1 % tolerance; the rates it imputes by less.
        let first = try #require(report.values.first)
        #expect(first.indicator == "niveau_vie_median" && first.territory == "COM:62498")
        #expect(first.before?.value == 17_250 && first.after?.value == 17_350 && first.absoluteChange == 100)
        #expect(report.beyondTolerance == 1)
        #expect(try ChangeReader(tolerance: 0).changes(in: sandbox.warehouse).beyondTolerance == 16)
        #expect(try ChangeReader(absoluteTolerance: 200).changes(in: sandbox.warehouse).beyondTolerance == 0)
    }

    @Test func twoWarehousesValueByValue() throws {
        let (old, new) = (try warehouse(corrected: false), try warehouse(corrected: true))
        let report = try ChangeReader().changes(from: old.warehouse, to: new.warehouse)
        let history = try ChangeReader().changes(in: new.warehouse)
        func keys(_ changes: [ValueChange]) -> Set<String> { Set(changes.map { "\($0.indicator) \($0.territory) \($0.period)" }) }
        #expect(keys(report.values) == keys(history.values), "the same 16 values as the history says")
        #expect(report.files.map(\.name) == ["cc_filosofi_2021_COM.csv"])
        #expect(report.indicatorsAdded.isEmpty && report.territoriesRemoved.isEmpty)
        #expect(try ChangeReader().changes(from: old.warehouse, to: old.warehouse).values.isEmpty)
    }

    @Test func territoriesOfOneWarehouseOnly() throws {
        let without = try Sandbox()
        try without.loadFixtureGeography()
        try without.normalise(2024)
        try without.compute()
        let with = try Sandbox()
        try with.loadFixtureGeography()
        try with.write("zones/pair.yaml", "id: pair\nlabel: Alpha et Sainte-Marie\ngeography: 2024\ncommunes: [62001, 62003]\n")
        try with.normalise(2024, zonesDirectory: with.directory.appendingPathComponent("zones").path)
        try with.compute()
        let report = try ChangeReader().changes(from: without.warehouse, to: with.warehouse)
        #expect(report.territoriesAdded.map(\.territory) == ["ZONE:pair"])
        #expect(report.territoriesAdded.first?.name == "Alpha et Sainte-Marie")
        #expect(try ChangeReader().changes(from: with.warehouse, to: without.warehouse).territoriesRemoved.map(\.territory) == ["ZONE:pair"])
    }

    /// The real COG 2023 and 2024: the communes merged on 1 January 2024 are removed, each
    /// with the movement that explains it.
    @Test(.enabled(if: SharedData.isAvailable, "../shared/data is absent"))
    func communesOfTwoCOGsWithTheirMovements() throws {
        let before = try Sandbox()
        _ = try before.ingest([SharedData.path("cog/2023/communes.csv"), SharedData.path("cog/2023/mouvements.csv"),
                               SharedData.path("cog/2024/departements.csv"), SharedData.path("cog/2024/regions.csv")])
        try before.normalise(2023)
        let after = try Sandbox()
        _ = try after.ingest([SharedData.path("cog/2024")])
        try after.normalise(2024)
        let report = try ChangeReader().changes(from: before.warehouse, to: after.warehouse)
        #expect(report.territoriesRemoved.count > 10, "communes nouvelles of 1 January 2024")
        let removed = try #require(report.territoriesRemoved.first { $0.territory.hasPrefix("COM:") })
        #expect(removed.movements.contains { $0.hasPrefix("mod 32 on 2024-01-01: \(removed.territory.dropFirst(4))") }, "\(removed)")
    }

    /// An indicator defined after the first compute, and a zone declared after it: the
    /// history alone says they are new.
    @Test func indicatorsAndTerritoriesAddedSinceTheLastCompute() throws {
        let sandbox = try Sandbox()
        try sandbox.loadFixtureGeography()
        let path = try sandbox.write("base-cc-2021.csv", """
            CODGEO;P21_POP;P21_POP0014
            62001;1000;200
            62003;500;50

            """)
        _ = try sandbox.ingest(path, IngestOptions(geographyOfInput: 2024))
        try sandbox.normalise(2024)
        let catalog = try IndicatorCatalog(directory: packageRoot.appendingPathComponent("pipelines/indicators").path)
        try sandbox.compute(IndicatorCatalog(indicators: catalog.indicators.filter { $0.id != "part_moins_15_ans" }))
        try sandbox.write("zones/pair.yaml", "id: pair\nlabel: Alpha et Sainte-Marie\ngeography: 2024\ncommunes: [62001, 62003]\n")
        try sandbox.normalise(2024, zonesDirectory: sandbox.directory.appendingPathComponent("zones").path)
        try sandbox.compute(catalog)
        let report = try ChangeReader().changes(in: sandbox.warehouse)
        #expect(report.indicatorsAdded == ["part_moins_15_ans"])
        #expect(report.territoriesAdded.map(\.territory) == ["ZONE:pair"])
        #expect(report.indicatorsRemoved.isEmpty && report.territoriesRemoved.isEmpty)
    }
}
