@testable import Compute
import Indicators
import TestSupport
import Testing

/// Data-quality rules of an indicator, checked on its values as computed.
struct QualityAlertTests {
    private func indicator(unit: String, plausible: IndicatorDefinition.Plausible? = nil, maxYearlyChange: Double? = nil) throws -> IndicatorDefinition {
        var definition = try IndicatorCatalog(directory: packageRoot.appendingPathComponent("pipelines/indicators").path).indicator(id: "population")
        definition.unit = unit
        definition.plausible = plausible
        definition.maxYearlyChange = maxYearlyChange
        return definition
    }

    @Test func aShareAbove100IsImplausibleWithoutBeingDeclared() throws {
        let values = [IndicatorValue(territory: "COM:1", period: "2021", value: 250, status: "ok", method: "m"),
                      IndicatorValue(territory: "COM:2", period: "2021", value: 32, status: "ok", method: "m"),
                      IndicatorValue(territory: "COM:3", period: "2021", value: nil, status: "secret", method: "m")]
        let alerts = QualityAlert.check(values, of: try indicator(unit: "%"))
        #expect(alerts.map(\.territory) == ["COM:1"])
        #expect(alerts.first?.rule == .plausibleRange)
        #expect(QualityAlert.check(values, of: try indicator(unit: "habitants")).isEmpty, "no range for a count unless declared")
    }

    @Test func aPopulationThatHalvesInAYearIsAnAlert() throws {
        var partial = IndicatorValue(territory: "EPCI:1", period: "2022", value: 900, status: "ok", method: "m").keeping(under: "partial")
        partial.coverage = 0.95
        let values = [IndicatorValue(territory: "COM:1", period: "2021", value: 1000, status: "ok", method: "m"),
                      IndicatorValue(territory: "EPCI:1", period: "2021", value: 1000, status: "ok", method: "m"),
                      IndicatorValue(territory: "COM:1", period: "2022", value: 500, status: "ok", method: "m"), partial]
        let alerts = QualityAlert.check(values, of: try indicator(unit: "habitants", maxYearlyChange: 0.2))
        #expect(alerts.count == 1)
        #expect(alerts.first?.territory == "COM:1" && alerts.first?.rule == .yearlyChange)
        #expect(alerts.first?.detail == "1000.0 in 2021, 500.0 in 2022: 50 % a year, more than 20 %")
    }
}
