import Core
import Foundation
import Indicators
import Ingest
import Reports
import Territories
import Testing
import TestSupport

/// Portraits of the small fixture geography: Alpha (62001) and Sainte-Marie (62003) form
/// the EPCI 200000001 in the Pas-de-Calais, Sainte-Marie (59001) another in the Nord; the
/// zone `cross` holds 62003 and 59001. Census figures in INSEE's layout, 2015 and 2021.
struct PortraitRulesTests {
    static let base = """
        CODGEO;P21_POP;P21_POP0014;P21_POP6579;P21_POP80P;P21_POP1564;P21_ACT1564;P21_CHOM1564;P15_POP;P21_RP;P21_RP_VOIT1P
        62001;1000;200;100;50;600;400;60;900;400;300
        62003;500;50;100;25;300;200;40;550;250;225
        59001;300;60;s;s;180;120;6;300;120;100
        75056;2000;300;200;100;1400;1000;100;2100;1000;400

        """
    static let epci = """
        CODGEO;LIBGEO;EPCI;LIBEPCI;DEP;REG
        62001;Alpha;200000001;CA Test;62;32
        62003;Sainte-Marie;200000001;CA Test;62;32
        59001;Sainte-Marie;200000002;CC Nord;59;32
        75056;Paris;200054781;Métropole du Grand Paris;75;11

        """

    struct Fixture {
        let sandbox: Sandbox
        let job: PortraitJob
        let renderer: PortraitRenderer

        func portrait(_ id: String) throws -> Portrait {
            try job.run(territories: [id], command: "test")[0]
        }
    }

    private func fixture(compute: Bool = true) throws -> Fixture {
        let sandbox = try Sandbox()
        try sandbox.loadFixtureGeography()
        _ = try sandbox.ingest(try sandbox.write("dossier-complet-2021.csv", Self.base), IngestOptions(geographyOfInput: 2024))
        _ = try sandbox.ingest(try sandbox.write("epci/insee-epci-composition-2024.csv", Self.epci))
        try sandbox.write("zones/cross.yaml", """
            id: cross
            label: Across two départements
            geography: 2024
            communes: ["62003", "59001"]
            """)
        try sandbox.normalise(2024, zonesDirectory: sandbox.directory.appendingPathComponent("zones").path)
        if compute { try sandbox.compute() }
        var layout = try PortraitLayout(path: packageRoot.appendingPathComponent("pipelines/reports/portrait.yaml").path)
        layout.referenceZones = ["ZONE:cross"]
        let directory = try TerritoryDirectory(warehouse: sandbox.warehouse, geography: 2024)
        let templates = try PortraitTemplates(directory: packageRoot.appendingPathComponent("pipelines/reports/templates").path)
        return Fixture(sandbox: sandbox, job: PortraitJob(warehouse: sandbox.warehouse, layout: layout, directory: directory, logger: .quiet),
                       renderer: PortraitRenderer(templates: templates))
    }

    private func entry(_ portrait: Portrait, _ id: String) throws -> Portrait.Entry {
        try #require(portrait.entries.first { $0.indicator.id == id })
    }

    @Test func referencesAreTheEPCIOfACommuneThenLargerTerritoriesThenZonesItLiesIn() throws {
        let fixture = try fixture()
        #expect(try fixture.portrait("COM:62003").references.map(\.id) == ["EPCI:200000001", "DEP:62", "REG:32", "FR", "ZONE:cross"])
        // Alpha is not in the zone, so the EPCI of Alpha and Sainte-Marie is not either.
        #expect(try fixture.portrait("EPCI:200000001").references.map(\.id) == ["DEP:62", "REG:32", "FR"])
        #expect(try fixture.portrait("ZONE:cross").references.map(\.id) == ["DEP:59", "DEP:62", "REG:32", "FR"])
        #expect(try fixture.portrait("FR").references.isEmpty)
        let identity = try fixture.portrait("COM:62003").parents.map(\.id)
        #expect(identity == ["EPCI:200000001", "DEP:62", "REG:32", "ZONE:cross"])
    }

    @Test func aCommuneIsRankedAmongTheCommunesOfItsEPCI() throws {
        let fixture = try fixture()
        let portrait = try fixture.portrait("COM:62003")
        // Unemployment: Sainte-Marie 20 %, Alpha 15 %; population: Alpha first.
        let unemployment = try entry(portrait, "taux_chomage_15_64")
        #expect(unemployment.rank?.position == 1)
        #expect(unemployment.rank?.count == 2)
        #expect(unemployment.rank?.scopeID == "COM in EPCI:200000001")
        #expect(try entry(portrait, "population_recensement").rank?.position == 2)
        let markdown = try fixture.renderer.text(portrait, format: .md)
        #expect(markdown.contains("1er sur 2 communes de CA Test"))
        #expect(markdown.contains("2e sur 2 communes de CA Test"))
        // An EPCI among the EPCIs of its département, a département among those of its région.
        #expect(try entry(try fixture.portrait("EPCI:200000001"), "taux_chomage_15_64").rank?.scopeID == "EPCI in DEP:62")
        #expect(try entry(try fixture.portrait("DEP:62"), "taux_chomage_15_64").rank?.scopeID == "DEP in REG:32")
    }

    @Test func changeSincePreviousPeriodAndSpecificity() throws {
        let fixture = try fixture()
        let portrait = try fixture.portrait("COM:62001")
        let population = try entry(portrait, "population_recensement")
        #expect(population.period == "2021")
        #expect(population.previousPeriod == "2015")
        #expect(population.evolution == 100)
        #expect(population.history.map(\.period) == ["2015", "2021"], "the series a time-series chart shows")
        #expect(population.specificity == nil, "no specificity index for a count")
        // Under 15: Alpha 20 %, its EPCI 250 / 1500.
        let young = try entry(portrait, "part_moins_15_ans")
        #expect(abs(try #require(young.specificity) - 20.0 / (250.0 / 15.0)) < 1e-9)
        #expect(portrait.entries.filter(\.highlighted).count == min(5, portrait.entries.filter { $0.specificity != nil }.count))
        let markdown = try fixture.renderer.text(portrait, format: .md)
        #expect(markdown.contains("+100\u{00A0}habitants depuis 2015"))
    }

    @Test func indicatorsWithoutValuesAndEmptySectionsAreLeftOut() throws {
        let portrait = try fixture().portrait("COM:62001")
        #expect(portrait.sections.map(\.title) == ["Population & âges", "Ménages", "Emploi & chômage"])
        #expect(!portrait.entries.contains { $0.indicator.id == "taux_pauvrete" })
    }

    @Test func secretValuesAreShownAsSWithTheirNoteAndNeverAsNumbers() throws {
        let fixture = try fixture()
        let portrait = try fixture.portrait("COM:59001")
        let elderly = try entry(portrait, "part_65_ans_plus")
        #expect(elderly.subject.status == "secret" && elderly.subject.value == nil)
        #expect(elderly.rank == nil && elderly.specificity == nil)
        let markdown = try fixture.renderer.text(portrait, format: .md)
        #expect(markdown.contains("| Part des 65 ans ou plus | 2021 | s |"))
        #expect(markdown.contains("- s : secret statistique"))
        let csv = try fixture.renderer.text(portrait, format: .csv)
        #expect(csv.contains("Population & âges,part_65_ans_plus,Part des 65 ans ou plus,%,2021,,secret statistique,"),
                "the value's cell empty, its status beside it")
        let stored = try fixture.sandbox.rows("""
            SELECT value, status FROM report_portrait WHERE territory = 'COM:59001' AND indicator_id = 'part_65_ans_plus'
            """)
        #expect(stored.map { $0["status"] as String } == ["secret"])
        #expect(stored.first?["value"] as Double? == nil)
    }

    @Test func eachPortraitReplacesItsRowsInReportPortrait() throws {
        let fixture = try fixture()
        let portrait = try fixture.portrait("COM:62003")
        _ = try fixture.portrait("COM:62003")
        #expect(try fixture.sandbox.scalar("SELECT count(*) FROM report_portrait WHERE territory = 'COM:62003'") == portrait.entries.count)
        #expect(try fixture.sandbox.scalar("SELECT count(DISTINCT run_id) FROM report_portrait") == 1)
        let row = try #require(try fixture.sandbox.rows("""
            SELECT * FROM report_portrait WHERE territory = 'COM:62003' AND indicator_id = 'taux_chomage_15_64'
            """).first)
        #expect(row["section"] == "Emploi & chômage")
        #expect(row["rank"] == 1 && row["rank_of"] == 2 && row["rank_scope"] == "COM in EPCI:200000001")
        let references = try #require(try JSONSerialization.jsonObject(with: Data((row["reference_values"] as String).utf8)) as? [String: Any])
        #expect(Set(references.keys) == ["EPCI:200000001", "DEP:62", "REG:32", "FR", "ZONE:cross"])
        #expect(abs(try #require(references["ZONE:cross"] as? Double) - 46.0 / 320.0 * 100) < 1e-9)
        #expect(try fixture.sandbox.scalar("SELECT status FROM runs ORDER BY run_id DESC LIMIT 1") == "succeeded")
    }

    @Test func withoutComputedIndicatorsItSaysToRunCompute() throws {
        let fixture = try fixture(compute: false)
        #expect {
            try fixture.portrait("COM:62001")
        } throws: { error in
            "\(error)".contains("run `observatoire compute` first")
        }
    }

    @Test func aLayoutThatNamesAnUnknownIndicatorIsRefused() throws {
        let fixture = try fixture()
        let path = try fixture.sandbox.write("portrait.yaml", """
            title: Essai
            reference_zones: []
            highlights: 3
            sections:
              - title: Population
                indicators: [population_recensement, taux_de_rien]
            members: []
            """)
        let job = PortraitJob(warehouse: fixture.sandbox.warehouse, layout: try PortraitLayout(path: path), directory: fixture.job.directory, logger: .quiet)
        #expect(throws: ObservatoireError.self) { try job.run(territories: ["COM:62001"], command: "test") }
        let twice = try fixture.sandbox.write("twice.yaml", """
            title: Essai
            reference_zones: []
            highlights: 3
            sections:
              - { title: A, indicators: [population] }
              - { title: B, indicators: [population] }
            members: []
            """)
        #expect { try PortraitLayout(path: twice) } throws: { "\($0)".contains("'population' is listed twice") }
    }

    @Test func everyIndicatorOfTheLayoutIsInTheCatalogue() throws {
        let layout = try PortraitLayout(path: packageRoot.appendingPathComponent("pipelines/reports/portrait.yaml").path)
        let catalogue = try IndicatorCatalog(directory: packageRoot.appendingPathComponent("pipelines/indicators").path)
        let ids = Set(catalogue.indicators.map(\.id))
        #expect((layout.indicators + layout.members).filter { !ids.contains($0) } == [])
        #expect(layout.sections.map(\.title) == ["Population & âges", "Ménages", "Emploi & chômage", "Diplômes", "Revenus & pauvreté", "Logement", "Rénovation & énergie"])
    }
}
