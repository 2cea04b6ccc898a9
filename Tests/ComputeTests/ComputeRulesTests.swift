import Foundation
import GRDB
import Indicators
import Ingest
import TestSupport
import Testing

/// Indicators on the small fixture geography, from a census base in INSEE's layout
/// (CODGEO + P21_… variables, as in the bases communales and the dossier complet).
struct ComputeRulesTests {
    /// Alpha 62001, Sainte-Marie 62003 (Pas-de-Calais), Sainte-Marie 59001 (Nord), Paris 75056.
    static let base = """
        CODGEO;P21_POP;P21_POP0014;P21_POP6579;P21_POP80P;P21_POP1564;P21_ACT1564;P21_CHOM1564;P15_POP;SUPERF;P21_RP;P21_RP_VOIT1P;NAIS1520;DECE1520
        62001;1000;200;100;50;600;400;60;900;10;400;300;80;60
        62003;500;50;100;25;300;200;40;550;25;250;225;30;50
        59001;300;60;s;s;180;120;6;300;5;120;100;20;25
        75056;2000;300;200;100;1400;1000;100;2100;100;1000;400;150;100

        """

    private func sandbox() throws -> Sandbox {
        let sandbox = try Sandbox()
        try sandbox.loadFixtureGeography()
        let path = try sandbox.write("dossier-complet-2021.csv", Self.base)
        #expect(try sandbox.ingest(path, IngestOptions(geographyOfInput: 2024)).status == .loaded)
        try sandbox.write("zones/cross.yaml", """
            id: cross
            label: Across two départements
            geography: 2024
            communes: ["62003", "59001"]
            """)
        try sandbox.normalise(2024, zonesDirectory: sandbox.directory.appendingPathComponent("zones").path)
        try sandbox.compute()
        return sandbox
    }

    private func value(_ sandbox: Sandbox, _ indicator: String, _ territory: String, period: String = "2021") throws -> Row? {
        try sandbox.rows("SELECT * FROM v_indicator_values WHERE indicator_id = ? AND territory = ? AND period = ?",
                         [indicator, territory, period]).first
    }

    @Test func ratiosOfACommuneAreItsOwnComponents() throws {
        let sandbox = try sandbox()
        let youth = try #require(try value(sandbox, "part_moins_15_ans", "COM:62001"))
        #expect(youth["value"] == 20.0)
        #expect(youth["numerator"] == 200.0)
        #expect(youth["denominator"] == 1000.0)
        #expect(youth["period"] == "2021")
        #expect(youth["unit"] == "%")
        #expect(youth["territory_name"] == "Alpha")
        #expect(try value(sandbox, "taux_chomage_15_64", "COM:62003")?["value"] == 20.0)
        #expect(try value(sandbox, "part_65_ans_plus", "COM:62001")?["value"] == 15.0)
        #expect(try value(sandbox, "part_menages_sans_voiture", "COM:62001")?["value"] == 25.0)
        #expect(try value(sandbox, "densite", "COM:62003")?["value"] == 20.0)
        #expect(try value(sandbox, "population_recensement", "COM:75056")?["value"] == 2000.0)
    }

    @Test func largerTerritoriesGetRatiosOfSumsNotMeansOfRates() throws {
        let sandbox = try sandbox()
        // Pas-de-Calais: (60 + 40) / (400 + 200) = 16.67 %, not the mean of 15 % and 20 %.
        let unemployment = try #require(try value(sandbox, "taux_chomage_15_64", "DEP:62"))
        #expect(abs((unemployment["value"] as Double) - 100.0 / 6.0) < 1e-9)
        #expect(unemployment["coverage"] == 1.0)
        #expect(unemployment["estimate"] == 0)
        #expect(unemployment["method"] == "ratio of sums over communes")
        // A zone that cuts across départements and EPCIs: 62003 and 59001.
        let zone = try #require(try value(sandbox, "taux_chomage_15_64", "ZONE:cross"))
        #expect(abs((zone["value"] as Double) - 46.0 / 320.0 * 100) < 1e-9)
    }

    @Test func aSecretComponentIsNeverAZero() throws {
        let sandbox = try sandbox()
        let elderly = try #require(try value(sandbox, "part_65_ans_plus", "COM:59001"))
        #expect(elderly["status"] == "secret")
        #expect(elderly["value"] == nil as Double?)
        // Nord has one commune, secret: the département must not give it away.
        #expect(try value(sandbox, "part_65_ans_plus", "DEP:59")?["status"] == "secret")
        // Other indicators of the same commune are unaffected.
        #expect(try value(sandbox, "taux_chomage_15_64", "COM:59001")?["value"] == 5.0)
    }

    @Test func annualGrowthBetweenCensusYearsFiveOrMoreApart() throws {
        let sandbox = try sandbox()
        let growth = try #require(try value(sandbox, "evolution_population_annuelle", "COM:62001", period: "2015-2021"))
        #expect(growth["period"] == "2015-2021")
        #expect(abs((growth["value"] as Double) - (pow(1000.0 / 900.0, 1.0 / 6.0) - 1) * 100) < 1e-9)
        let france = try #require(try value(sandbox, "evolution_population_annuelle", "FR", period: "2015-2021"))
        #expect(abs((france["value"] as Double) - (pow(3800.0 / 3850.0, 1.0 / 6.0) - 1) * 100) < 1e-9)
    }

    @Test func populationChangeSplitsIntoNaturalBalanceAndApparentMigration() throws {
        let sandbox = try sandbox()
        func rates(_ territory: String) throws -> (total: Double, natural: Double, migration: Double) {
            let values = try ["evolution_population_annuelle", "evolution_population_solde_naturel", "evolution_population_solde_migratoire"]
                .map { try #require(try value(sandbox, $0, territory, period: "2015-2021"))["value"] as Double }
            return (values[0], values[1], values[2])
        }
        // Alpha: 900 → 1000 in six years, 80 births and 60 deaths (NAIS1520, DECE1520).
        let alpha = try rates("COM:62001")
        #expect(abs(alpha.natural - 20.0 / (6 * 950) * 100) < 1e-9)
        #expect(abs(alpha.natural + alpha.migration - alpha.total) < 1e-9)
        // France: the sums of the four communes, 3850 → 3800 with 280 births and 235 deaths.
        let france = try rates("FR")
        #expect(abs(france.natural - 45.0 / (6 * 3825) * 100) < 1e-9)
        #expect(abs(france.migration - ((pow(3800.0 / 3850.0, 1.0 / 6.0) - 1) * 100 - 45.0 / (6 * 3825) * 100)) < 1e-9)
    }

    @Test func computeIsIdempotentAndReportsWhatItCouldNotCompute() throws {
        let sandbox = try sandbox()
        let values = "SELECT indicator_id, territory, period, value, status, coverage, method FROM indicator_values ORDER BY 1, 2, 3"
        let first = try sandbox.rows(values).map(\.description)
        let summary = try sandbox.compute()
        #expect(try sandbox.rows(values).map(\.description) == first)
        #expect(summary.indicators.first { $0.id == "taux_pauvrete" }?.periods == [])
        #expect(summary.indicators.first { $0.id == "part_moins_15_ans" }?.periods == ["2021"])
    }
}
