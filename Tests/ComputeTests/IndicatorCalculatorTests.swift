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
}
