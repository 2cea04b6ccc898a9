@testable import Ingest
import Testing

/// The sorter behind the DPE loader: what it gives back is what it was given, in order,
/// whether the records stayed in memory or went through sorted runs on disk.
struct ExternalSorterTests {
    /// A deterministic shuffle with repeated values (a linear congruential sequence).
    private func values(_ count: Int) -> [UInt64] {
        var state: UInt64 = 42
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 40 % 1_000
        }
    }

    private func drained(_ sorter: inout ExternalSorter<UInt64>) throws -> [UInt64] {
        var out: [UInt64] = []
        try sorter.drain { out.append($0) }
        return out
    }

    @Test(arguments: [1, 7, 1_000, 100_000])
    func givesBackEveryRecordInOrderWhateverTheBatch(batchSize: Int) throws {
        let input = values(25_013)
        var sorter = ExternalSorter<UInt64>(batchSize: batchSize)
        for value in input { try sorter.append(value) }
        #expect(try drained(&sorter) == input.sorted())
        #expect(sorter.isEmpty)
    }

    @Test func canBeFilledAgainOnceDrained() throws {
        var sorter = ExternalSorter<UInt64>(batchSize: 3)
        #expect(try drained(&sorter) == [])
        for value in [5, 1, 4, 1, 5, 9, 2, 6] as [UInt64] { try sorter.append(value) }
        #expect(try drained(&sorter) == [1, 1, 2, 4, 5, 5, 6, 9])
        for value in [3, 2] as [UInt64] { try sorter.append(value) }
        #expect(try drained(&sorter) == [2, 3])
    }

    @Test func sightingsOfANumberSortTogetherMentionsFirst() throws {
        func sighting(_ number: String, _ line: UInt64) -> NumberSighting {
            Array(number.utf8).withUnsafeBufferPointer { NumberSighting($0, line: line) }
        }
        var sorter = ExternalSorter<NumberSighting>(batchSize: 2)
        for item in [sighting("2362E0000002B", 7), sighting("2362E0000001A", 5), sighting("2362E0000002B", 3),
                     sighting("2362E0000002B", 0), sighting("2362E0000002", 4)] {
            try sorter.append(item)
        }
        var order: [String] = []
        try sorter.drain { order.append("\($0.number) \($0.line)") }
        let groups = Dictionary(grouping: order) { $0.split(separator: " ")[0] }
        #expect(groups["2362E0000002B"] == ["2362E0000002B 0", "2362E0000002B 3", "2362E0000002B 7"])
        #expect(order.count == 5 && groups.count == 3)
        #expect(order.firstIndex(of: "2362E0000002B 0")! + 2 == order.firstIndex(of: "2362E0000002B 7")!,
                "one number's sightings are next to each other")
    }

    @Test func aDiagnosticKeepsItsFieldsAndSortsByCommuneThenYear() {
        let lens = CountedDiagnostic(commune: "62498", year: 2023, label: 4, buildingType: 1, period: 5, consumption: 280, line: 9)
        let lensEarlier = CountedDiagnostic(commune: "62498", year: 2022, label: 6, buildingType: 3, period: 0, consumption: .nan, line: 12)
        let corsica = CountedDiagnostic(commune: "2A004", year: 2021, label: 0, buildingType: 2, period: 8, consumption: 50, line: 3)
        #expect(lens.communeCode == Array("62498".utf8) && lens.year == 2023 && lens.label == 4)
        #expect(lens.buildingType == 1 && lens.period == 5 && lens.consumption == 280 && lens.line == 9)
        #expect(corsica < lensEarlier && lensEarlier < lens && !lens.isInGroup(of: lensEarlier) && lens.isInCommune(of: lensEarlier))
        let paris = CountedDiagnostic(commune: "75101", year: 2023, label: 2, buildingType: 2, period: 4, consumption: 90, line: 4).under("75056")
        #expect(paris.communeCode == Array("75056".utf8) && paris.year == 2023 && paris.label == 2 && paris.period == 4 && paris.line == 4)
    }
}
