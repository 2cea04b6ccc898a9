@testable import Compute
import Indicators
import TestSupport
import Testing

/// A calculation on territory indexes, without a warehouse: values in code order, the
/// value of a larger territory summed over its communes, beside the one it publishes.
struct IndicatorCalculatorTests {
    static let territories = TerritoryIndex(codes: ["COM:62001", "COM:62003", "COM:59001", "DEP:62", "EPCI:200", "REG:32"])

    private func index(_ code: String) -> Int32 { Self.territories.index(of: code)! }

    /// Unemployed (numerator) and active (denominator) of each territory that has them.
    private func calculator(_ cells: [String: (Double?, Double?)]) throws -> IndicatorCalculator {
        let catalog = try IndicatorCatalog(directory: packageRoot.appendingPathComponent("pipelines/indicators").path)
        let indicator = try #require(catalog.indicators.first { $0.id == "taux_chomage_15_64" })
        var (unemployed, active) = (Component(territories: Self.territories.count), Component(territories: Self.territories.count))
        for (code, (u, a)) in cells {
            unemployed.set(index(code), value: u, status: u == nil ? .secret : .ok)
            active.set(index(code), value: a, status: a == nil ? .secret : .ok)
        }
        var population = [Double](repeating: 1, count: Self.territories.count)
        for (code, people) in [("COM:62001", 1000.0), ("COM:62003", 500), ("COM:59001", 300)] { population[Int(index(code))] = people }
        let members = [
            (parent: index("DEP:62"), communes: [index("COM:62003"), index("COM:62001")]),
            (parent: index("EPCI:200"), communes: [index("COM:62001"), index("COM:62003")]),
            (parent: index("REG:32"), communes: [index("COM:62001"), index("COM:62003"), index("COM:59001")]),
        ]
        return IndicatorCalculator(indicator: indicator, period: "2021", territories: Self.territories,
                                   components: [unemployed, active], members: members, population: population)
    }

    @Test func valuesComeInCodeOrderWithTheirSums() throws {
        let values = try calculator([
            "COM:62001": (60, 400), "COM:62003": (40, 200), "COM:59001": (6, 120), "EPCI:200": (99, 600),
        ]).compute()
        #expect(values.map(\.territory) == ["COM:62001", "COM:62003", "COM:59001", "DEP:62", "EPCI:200", "REG:32"].sorted())
        let byCode = Dictionary(uniqueKeysWithValues: values.map { ($0.territory, $0) })
        #expect(byCode["COM:62001"]?.value == 15)
        #expect(byCode["COM:62001"]?.method == "commune components")
        // Published for the EPCI, and derived from its communes beside it.
        #expect(byCode["EPCI:200"]?.value == 99.0 / 600 * 100)
        #expect(byCode["EPCI:200"]?.derived == 100.0 / 600 * 100)
        #expect(byCode["DEP:62"]?.value == 100.0 / 600 * 100)
        #expect(byCode["DEP:62"]?.method == "ratio of sums over communes")
        #expect(byCode["DEP:62"]?.coverage == 1)
        #expect(byCode["REG:32"]?.numerator == 106)
    }

    @Test func oneSecretCommuneWithholdsTheSum() throws {
        let values = try calculator(["COM:62001": (60, 400), "COM:62003": (nil, 200), "COM:59001": (6, 120)]).compute()
        let region = try #require(values.first { $0.territory == "REG:32" })
        #expect(region.status == "secret")
        #expect(region.value == nil)
        #expect(region.method == "ratio of sums over communes, one secret commune")
        #expect(region.coverage == 1300.0 / 1800)
    }

    @Test func aTerritoryWithCommunesMissingIsPartialOrUnpublished() throws {
        var calculator = try calculator(["COM:62001": (60, 400), "COM:62003": (40, 200), "COM:59001": (6, 120)])
        calculator.fullMembership = [Int32](repeating: 0, count: Self.territories.count)
        // The EPCI has 2 of its 20 communes, the région 3 of its 3.
        calculator.fullMembership[Int(index("EPCI:200"))] = 20
        calculator.fullMembership[Int(index("REG:32"))] = 3
        var byCode = Dictionary(uniqueKeysWithValues: calculator.compute().map { ($0.territory, $0) })
        let epci = try #require(byCode["EPCI:200"])
        #expect(epci.status == "insufficient-coverage")
        #expect(epci.value == nil, "not published as a fact")
        #expect(epci.kept == 100.0 / 600 * 100, "but kept")
        #expect(epci.coverage.map { abs($0 - 2.0 / 20) < 1e-12 } == true)
        #expect(epci.method == "ratio of sums over communes, 2 of its 20 communes, coverage below 0.9")
        #expect(byCode["REG:32"]?.status == "ok")
        #expect(byCode["REG:32"]?.coverage == 1)

        // 2 of 2 known, 1 missing of 3: two thirds of the full membership, under the floor.
        calculator.fullMembership[Int(index("DEP:62"))] = 3
        byCode = Dictionary(uniqueKeysWithValues: calculator.compute().map { ($0.territory, $0) })
        #expect(byCode["DEP:62"]?.status == "insufficient-coverage")
        // A full count no larger than the communes present: complete.
        calculator.fullMembership[Int(index("DEP:62"))] = 2
        byCode = Dictionary(uniqueKeysWithValues: calculator.compute().map { ($0.territory, $0) })
        #expect(byCode["DEP:62"]?.status == "ok")
    }

    @Test func aPartialTerritoryAboveTheFloorKeepsItsValueWithItsStatus() throws {
        // 19 of 20 communes, each weighing the mean of those present: coverage 0.95.
        let members = (0..<19).map { "COM:\(62100 + $0)" }
        let territories = TerritoryIndex(codes: members + ["EPCI:300"])
        let catalog = try IndicatorCatalog(directory: packageRoot.appendingPathComponent("pipelines/indicators").path)
        let indicator = try #require(catalog.indicators.first { $0.id == "taux_chomage_15_64" })
        var (unemployed, active) = (Component(territories: territories.count), Component(territories: territories.count))
        for code in members {
            unemployed.set(territories.index(of: code)!, value: 10, status: .ok)
            active.set(territories.index(of: code)!, value: 100, status: .ok)
        }
        let epci = territories.index(of: "EPCI:300")!
        var calculator = IndicatorCalculator(indicator: indicator, period: "2021", territories: territories, components: [unemployed, active],
                                             members: [(parent: epci, communes: members.map { territories.index(of: $0)! })],
                                             population: [Double](repeating: 1, count: territories.count))
        calculator.fullMembership = [Int32](repeating: 0, count: territories.count)
        calculator.fullMembership[Int(epci)] = 20
        let value = try #require(calculator.compute().first { $0.territory == "EPCI:300" })
        #expect(value.status == "partial")
        #expect(value.value == nil && value.kept == 10)
        #expect(value.coverage.map { abs($0 - 0.95) < 1e-12 } == true)
        #expect(value.estimate && value.estimatedShare.map { abs($0 - 0.05) < 1e-12 } == true)
    }

    @Test func aShareOfTooFewCasesIsASmallCount() throws {
        // 3 active persons in COM:59001: under the 11 the census themes declare.
        let values = try calculator(["COM:62001": (60, 400), "COM:62003": (40, 200), "COM:59001": (1, 3)]).compute()
        let small = try #require(values.first { $0.territory == "COM:59001" })
        #expect(small.status == "small-count")
        #expect(small.value == nil)
        #expect(small.kept.map { abs($0 - 100.0 / 3) < 1e-12 } == true)
        #expect(small.method == "commune components, 3 in the denominator, under 11")
        #expect(values.first { $0.territory == "COM:62001" }?.status == "ok")
    }
}
