@testable import Compute
import Testing

/// The helpers `compute` relies on to find an indicator's years and to write its values
/// period after period, as the writer gives them slots.
struct ComputeOrderingTests {
    @Test func yearOfAVariableIsTheTwoDigitsStandingForYY() {
        #expect(ComponentStore.year(in: "P21_POP", of: "P{yy}_POP") == "21")
        #expect(ComponentStore.year(in: "NBPERSMENFISC21", of: "NBPERSMENFISC{yy}") == "21")
        #expect(ComponentStore.year(in: "C15_POP15P_CS3", of: "C{yy}_POP15P_CS3") == "15")
        // Another variable sharing the prefix or the suffix, or not two digits: no year.
        #expect(ComponentStore.year(in: "P21_POP0014", of: "P{yy}_POP") == nil)
        #expect(ComponentStore.year(in: "XP21_POP", of: "P{yy}_POP") == nil)
        #expect(ComponentStore.year(in: "P2A_POP", of: "P{yy}_POP") == nil)
        #expect(ComponentStore.year(in: "P2021_POP", of: "P{yy}_POP") == nil)
        #expect(ComponentStore.year(in: "P21_POP", of: "P21_POP") == nil)
    }

    @Test func valuesOfSeveralPeriodsComePeriodAfterPeriod() {
        func values(_ list: [(String, String)]) -> [IndicatorValue] {
            list.map { IndicatorValue(territory: $0.0, period: $0.1, value: 1, status: "ok", method: "test") }
        }
        let periods = [
            ("2021", values([("COM:62001", "2021"), ("COM:62002", "2021"), ("EPCI:200", "2021")])),
            ("2015", values([("COM:62001", "2015"), ("COM:62003", "2015"), ("EPCI:200", "2015")])),
        ]
        let ordered = BackgroundCalculation.inPeriodOrder(periods).map { "\($0.territory) \($0.period)" }
        #expect(ordered == ["COM:62001 2015", "COM:62003 2015", "EPCI:200 2015", "COM:62001 2021", "COM:62002 2021", "EPCI:200 2021"])
        #expect(BackgroundCalculation.inPeriodOrder([periods[0]]) == periods[0].1)
        #expect(BackgroundCalculation.inPeriodOrder([]).isEmpty)
    }
}
