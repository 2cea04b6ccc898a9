@testable import Compute
import Core
import Indicators
import Tabular
import Testing

/// The integer territories calculations run on: numbered in code order, so that a list in
/// index order is in the order of `indicator_values`' key, and components looked up by index.
struct TerritoryIndexTests {
    @Test func indexesFollowTheOrderOfCodes() {
        let territories = TerritoryIndex(codes: ["REG:32", "COM:62003", "EPCI:200", "ARM:75056", "COM:62001", "COM:62003", "DEP:62"])
        #expect(territories.codes == ["ARM:75056", "COM:62001", "COM:62003", "DEP:62", "EPCI:200", "REG:32"])
        #expect(territories.count == 6)
        #expect(territories.codes.indices.allSatisfy { territories.index(of: territories.codes[$0]) == Int32($0) })
        #expect(territories[2] == "COM:62003")
        #expect(territories.index(of: "COM:99999") == nil)
        #expect(territories.levels == [.arrondissement, .commune, .commune, .other, .other, .other])
        #expect(territories.isCommune(1) && !territories.isCommune(0) && territories.isCommuneLike(0) && !territories.isCommuneLike(3))
    }

    @Test func aCodeTheIndexLacksIsAnErrorSayingWhereItWasRead() {
        let territories = TerritoryIndex(codes: ["COM:62001"])
        #expect(throws: ObservatoireError(.indicator, "memberships of geography 2024: territory COM:62002 is not among the 1 territories read when compute started")) {
            try territories.index(of: "COM:62002", in: "memberships of geography 2024")
        }
    }

    @Test func aComponentHoldsOneCellPerTerritoryTheLastWritten() {
        var component = Component(territories: 4)
        #expect(component.isEmpty)
        component.set(1, value: 12.5, status: .ok)
        component.set(3, value: nil, status: .secret)
        component[2] = Cell(value: 7, status: .ok, flags: ["rp-2021"])
        #expect(component.count == 3 && component.hasFlags)
        #expect(component[0] == nil && component.status(of: 0) == nil)
        #expect(component[1] == Cell(value: 12.5, status: .ok))
        #expect(component[3] == Cell(value: nil, status: .secret))
        #expect(component[2] == Cell(value: 7, status: .ok, flags: ["rp-2021"]))
        // A later file's value replaces the cell, known issues included.
        component.set(2, value: 8, status: .ok)
        #expect(component[2] == Cell(value: 8, status: .ok))
        #expect(component.count == 3)
        component[1] = nil
        #expect(component[1] == nil && component.count == 2)
    }

    @Test func partsAreKeptSideBySidePerTerritory() {
        var table = PartsTable(territories: 3, width: 3)
        table.set(2, IndicatorCalculator.Parts(status: .ok, imputedWeight: 4), [1, 2], flags: ["b", "c"])
        table.set(0, IndicatorCalculator.Parts(status: .secret), [], flags: [])
        #expect(Array(table.values(of: 2)) == [1, 2])
        #expect(table.values(of: 0).isEmpty && table.status(of: 0) == .secret)
        #expect(table.status(of: 1) == nil)
        #expect(table.imputedWeight(of: 2) == 4 && table.flags(of: 2) == ["b", "c"] && table.hasFlags)
    }

    @Test func theWorstStatusWins() {
        let order: [ValueStatus] = [.ok, .notApplicable, .missing, .secret]
        for (i, a) in order.enumerated() {
            for (j, b) in order.enumerated() {
                #expect(IndicatorCalculator.worst(a, b) == order[max(i, j)])
            }
        }
    }
}
