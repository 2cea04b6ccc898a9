import Core
@testable import Geography
import Testing

/// Small histories written for the purpose: each test states the events in the
/// mouvements layout and checks the passage table the builder derives.
struct PassageBuilderTests {
    private func change(_ mod: Int, _ date: String, _ before: String, _ after: String,
                        typeBefore: String = "COM", typeAfter: String = "COM") -> CommuneChange {
        CommuneChange(mod: mod, date: date, typeBefore: typeBefore, codeBefore: before, typeAfter: typeAfter, codeAfter: after)
    }

    private func weights(_ rows: [Passage]) -> [String: Double] {
        Dictionary(uniqueKeysWithValues: rows.map { ("\($0.fromCode)→\($0.toCode)", $0.weight) })
    }

    private let noPopulation = PopulationWeights(tables: [])

    @Test func mergerChainSumsEveryOriginIntoTheLastCommune() throws {
        // 2020: 01001 absorbs 01002; 2022: 01001 and 01003 form commune nouvelle 01003.
        let history = CommuneHistory(vintage: 2024, communes: ["01003", "01009"], changes: [
            change(32, "2020-01-01", "01001", "01001"), change(32, "2020-01-01", "01002", "01001"),
            change(32, "2020-01-01", "01002", "01002", typeAfter: "COMD"),
            change(32, "2022-01-01", "01001", "01003"), change(32, "2022-01-01", "01003", "01003"),
        ])
        #expect(try history.communes(in: 2019) == ["01001", "01002", "01003", "01009"])
        #expect(try history.communes(in: 2021) == ["01001", "01003", "01009"])
        let table = try PassageBuilder(history: history, weighting: noPopulation).passage(from: 2019, to: 2024)
        #expect(weights(table.rows) == ["01001→01003": 1, "01002→01003": 1, "01003→01003": 1, "01009→01009": 1])
        #expect(table.rows.first { $0.fromCode == "01002" }?.kind == .merger)
        #expect(table.rows.first { $0.fromCode == "01009" }?.kind == .identity)
        #expect(table.rows.first { $0.fromCode == "01002" }?.events.count == 2)
        #expect(table.vanished.isEmpty)
    }

    @Test func mergerThenRetablissementGivesEachCommuneBackItsOwnFigures() throws {
        // 2020: 02002 merges into 02001; 2023: 02002 is re-established.
        let history = CommuneHistory(vintage: 2024, communes: ["02001", "02002"], changes: [
            change(32, "2020-01-01", "02001", "02001"), change(32, "2020-01-01", "02002", "02001"),
            change(21, "2023-01-01", "02001", "02001"), change(21, "2023-01-01", "02001", "02002"),
        ])
        let population = PopulationTable(geography: 2024, label: "PMUN RP2022 (COG 2024)", population: ["02001": 300, "02002": 100])
        let weighting = PopulationWeights(tables: [population])
        // From before the merger, each commune comes back whole: nothing to share.
        let table = try PassageBuilder(history: history, weighting: weighting).passage(from: 2019, to: 2024)
        #expect(weights(table.rows) == ["02001→02001": 1, "02002→02002": 1])
        #expect(table.rows.allSatisfy { $0.kind == .identity && !$0.events.isEmpty })
        // From inside the merger, the merged commune is shared by population.
        let fromMerged = try PassageBuilder(history: history, weighting: weighting).passage(from: 2021, to: 2024)
        #expect(weights(fromMerged.rows) == ["02001→02001": 0.75, "02001→02002": 0.25])
        #expect(fromMerged.rows.allSatisfy { $0.kind == .split && $0.basis == "PMUN RP2022 (COG 2024)" })
    }

    @Test func reEstablishmentUnderANewCodeSendsTheOtherCommunesToIt() throws {
        // Like Hauts-Talican: 2017, 05002 and 05004 join 05001; 2024, 05001 goes back to its
        // old commune and the rest takes the new code 05003.
        let history = CommuneHistory(vintage: 2024, communes: ["05001", "05003"], changes: [
            change(32, "2017-01-01", "05001", "05001"), change(32, "2017-01-01", "05002", "05001"),
            change(32, "2017-01-01", "05004", "05001"),
            change(21, "2024-01-01", "05001", "05001"), change(21, "2024-01-01", "05001", "05003"),
        ])
        let population = PopulationTable(geography: 2024, label: "RP", population: ["05001": 500, "05003": 1_500])
        let table = try PassageBuilder(history: history, weighting: PopulationWeights(tables: [population])).passage(from: 2016, to: 2024)
        #expect(weights(table.rows) == ["05001→05001": 1, "05002→05003": 1, "05004→05003": 1])
        #expect(table.rows.first { $0.fromCode == "05002" }?.kind == .merger)
    }

    @Test func aCodeCreatedAndAbsorbedOnTheSameDayIsFollowed() throws {
        // 2018-01-01: 14513 moves to the Manche as 50649, which merges into 50592 that day.
        let history = CommuneHistory(vintage: 2024, communes: ["50592"], changes: [
            change(41, "2018-01-01", "14513", "50649"),
            change(32, "2018-01-01", "50649", "50592"), change(32, "2018-01-01", "50592", "50592"),
        ])
        #expect(try history.communes(in: 2017) == ["14513", "50592"])
        let table = try PassageBuilder(history: history, weighting: PopulationWeights(tables: [])).passage(from: 2017, to: 2024)
        #expect(weights(table.rows) == ["14513→50592": 1, "50592→50592": 1])
        #expect(table.vanished.isEmpty)
        #expect(table.rows.first { $0.fromCode == "14513" }?.events.count == 2)
    }

    @Test func splitWeightsFollowPopulationNotTheNumberOfCommunes() throws {
        let history = CommuneHistory(vintage: 2024, communes: ["03001", "03002", "03003"], changes: [
            change(21, "2024-01-01", "03001", "03001"), change(21, "2024-01-01", "03001", "03002"),
            change(21, "2024-01-01", "03001", "03003"),
        ])
        let population = PopulationTable(geography: 2024, label: "RP", population: ["03001": 900, "03002": 90, "03003": 10])
        let table = try PassageBuilder(history: history, weighting: PopulationWeights(tables: [population])).passage(from: 2023, to: 2024)
        #expect(weights(table.rows) == ["03001→03001": 0.9, "03001→03002": 0.09, "03001→03003": 0.01])
        #expect(table.rows.map(\.weight).reduce(0, +) == 1)
    }

    @Test func splitWithoutPopulationUsesEqualSharesAndSaysSo() throws {
        let history = CommuneHistory(vintage: 2024, communes: ["03001", "03002"], changes: [
            change(21, "2024-01-01", "03001", "03001"), change(21, "2024-01-01", "03001", "03002"),
        ])
        let table = try PassageBuilder(history: history, weighting: noPopulation).passage(from: 2023, to: 2024)
        #expect(table.rows.map(\.weight) == [0.5, 0.5])
        #expect(table.rows[0].basis?.hasPrefix("equal shares") == true)
    }

    @Test func populationOfACodeReusedLaterIsNotUsedForAnEarlierSplit() throws {
        // 2022: 04001 splits into 04001 and 04002; 2024: 04002 merges into 04003.
        // The 2024 population of 04003 says nothing about 04002 in 2022.
        let history = CommuneHistory(vintage: 2024, communes: ["04001", "04003"], changes: [
            change(21, "2022-01-01", "04001", "04001"), change(21, "2022-01-01", "04001", "04002"),
            change(32, "2024-01-01", "04002", "04003"), change(32, "2024-01-01", "04003", "04003"),
        ])
        let recent = PopulationTable(geography: 2024, label: "RP2022", population: ["04001": 100, "04003": 900])
        let older = PopulationTable(geography: 2023, label: "RP2021", population: ["04001": 100, "04002": 300, "04003": 600])
        let table = try PassageBuilder(history: history, weighting: PopulationWeights(tables: [recent, older])).passage(from: 2021, to: 2024)
        #expect(weights(table.rows) == ["04001→04001": 0.25, "04001→04003": 0.75, "04003→04003": 1])
        #expect(table.rows[0].basis == "RP2021")
    }

    @Test func codeReusedAfterAChangeIsAnotherCommune() throws {
        // Like Les Trois Lacs: 27676 becomes 27058 in 2021, and 27058 → 27676 again in 2023;
        // meanwhile a new commune takes nothing. Also 05001 moves to 06001 and 05001 is reused.
        let history = CommuneHistory(vintage: 2024, communes: ["27676", "06001", "05001"], changes: [
            change(50, "2021-01-01", "27676", "27058"), change(50, "2023-01-01", "27058", "27676"),
            change(41, "2021-01-01", "05001", "06001"),
            change(20, "2022-01-01", "06001", "06001"), change(20, "2022-01-01", "06001", "05001"),
        ])
        #expect(try history.communes(in: 2020) == ["27676", "05001"])
        #expect(try history.communes(in: 2021) == ["27058", "06001"])
        #expect(try history.communes(in: 2022) == ["27058", "06001", "05001"])
        let population = PopulationTable(geography: 2024, label: "RP", population: ["06001": 80, "05001": 20])
        let table = try PassageBuilder(history: history, weighting: PopulationWeights(tables: [population])).passage(from: 2020, to: 2024)
        #expect(weights(table.rows) == ["05001→05001": 0.2, "05001→06001": 0.8, "27676→27676": 1])
        #expect(table.rows.first { $0.fromCode == "27676" }?.kind == .identity)
        #expect(table.rows.first { $0.fromCode == "27676" }?.events.count == 2)
    }

    @Test func sameDayMovesDoNotChain() throws {
        // On one date A→B and B→C (a swap of codes): A's figures end in B, not C.
        let history = CommuneHistory(vintage: 2024, communes: ["07002", "07003"], changes: [
            change(41, "2024-01-01", "07001", "07002"), change(41, "2024-01-01", "07002", "07003"),
        ])
        let table = try PassageBuilder(history: history, weighting: noPopulation).passage(from: 2023, to: 2024)
        #expect(weights(table.rows) == ["07001→07002": 1, "07002→07003": 1])
        #expect(table.rows.allSatisfy { $0.kind == .codeChange })
    }

    @Test func conversionBackwardsIsRefused() throws {
        let history = CommuneHistory(vintage: 2024, communes: ["01001"], changes: [])
        #expect(throws: ObservatoireError.self) { try PassageBuilder(history: history, weighting: noPopulation).passage(from: 2024, to: 2019) }
        #expect(throws: ObservatoireError.self) { try history.communes(in: 2025) }
    }
}
