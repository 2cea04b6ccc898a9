import Catalog
import Foundation
import Tabular
import Testing

/// Melodi sources as YAML: what a definition says, what it may not say, how the codes of an
/// observation make a variable code, and how the two files of a dataset name each other.
@Suite("SourceCatalog: Melodi datasets")
struct MelodiDefinitionTests {
    /// A minimal valid Melodi definition, with `extra` appended.
    static func melodi(_ extra: String = "", melodiBlock: String? = nil) -> String {
        """
        id: m
        label: M
        kind: melodi
        vintage: "2021"
        geography: 2025
        recognise: { columns: [GEO, GEO_OBJECT, X_MEASURE] }

        """ + (melodiBlock ?? """
        melodi:
          dimensions: [X_MEASURE]
          variable: "{X_MEASURE}{yy}"
          levels: { COM: commune }

        """) + extra
    }

    @Test("the Filosofi dataset of géographie 2025 decodes as written")
    func filosofiGeo2025() throws {
        let definition = try realCatalog().definition(id: "filosofi-commune-2021-geo2025")
        #expect(definition.kind == .melodi)
        #expect(definition.storedKind == "observations")
        #expect(definition.geography?.geography(vintage: "2021") == 2025)
        let rule = try #require(definition.melodi)
        #expect(rule.dimensions == ["FILOSOFI_MEASURE"])
        #expect(rule.codes?["FILOSOFI_MEASURE"]?["MED_SL"] == "MED")
        #expect(rule.codes?["FILOSOFI_MEASURE"]?["PR_MD60"] == "TP60")
        #expect(rule.levels == ["COM": .commune, "ARM": .commune, "EPCI": .epci, "DEP": .departement, "REG": .region])
        #expect(rule.levelsNotLoaded?.contains("FRANCE") == true)
        #expect(rule.effectiveConfStatus["C"] == .secret)
        #expect(rule.effectiveConfStatus["F"] == .ok)
        #expect(rule.effectiveObsStatus["O"] == .missing)
        #expect(definition.ignore == ["UNIT_MEASURE"])
        #expect(definition.variables?.isCount("NBMENFISC21") == true)
        #expect(definition.downloads?.first?.url == "https://www.insee.fr/fr/statistiques/fichier/7756729/base-cc-filosofi-2021-geo2025_csv.zip")
        #expect(definition.downloads?.first?.member == nil)
        let template = try rule.template()
        #expect(template.render(codes: ["MED"], period: "2021") == "MED21")
    }

    @Test("every measure of the Melodi dataset gets the code of the géographie 2024 file that has it")
    func measuresKeepTheirWideCodes() throws {
        let catalog = try realCatalog()
        let wide = try #require(catalog.definition(id: "filosofi-commune-2021").variables?.labels)
        let rule = try #require(catalog.definition(id: "filosofi-commune-2021-geo2025").melodi)
        let template = try rule.template()
        let codes = try #require(rule.codes?["FILOSOFI_MEASURE"]).values.compactMap { template.render(codes: [$0], period: "2021") }
        #expect(codes.count == 20)
        // NBUC21 (units of consumption) is the only one the wide file does not publish.
        #expect(Set(codes).subtracting(wide.keys) == ["NBUC21"])
    }

    @Test("the data file and the archive member are recognised; the wide file stays with its source", arguments: [
        ("/raw/DS_FILOSOFI_CC_data.csv", "filosofi-commune-2021-geo2025"),
        ("/raw/base-cc-filosofi-2021-geo2025_csv.zip!DS_FILOSOFI_CC_data.csv", "filosofi-commune-2021-geo2025"),
    ])
    func recognised(path: String, expected: String) throws {
        let header = header("GEO;GEO_OBJECT;FILOSOFI_MEASURE;UNIT_MEASURE;UNIT_MULT;CONF_STATUS;OBS_STATUS;TIME_PERIOD;OBS_VALUE")
        #expect(try realCatalog().recognise(header: header, path: path).id == expected)
    }

    @Test("another Filosofi dataset of Melodi is not taken for this one")
    func otherEditionNotRecognised() throws {
        let header = header("GEO;GEO_OBJECT;FILOSOFI_MEASURE;UNIT_MEASURE;UNIT_MULT;CONF_STATUS;OBS_STATUS;TIME_PERIOD;OBS_VALUE")
        let error = catalogError { _ = try realCatalog().recognise(header: header, path: "/raw/DS_FILOSOFI_CC_2023_data.csv") }
        #expect(error?.code == .unrecognisedFile)
    }

    @Test("statuses declared in the source add to SDMX's code lists, or override them")
    func declaredStatuses() throws {
        let loaded = try catalog(["m.yaml": Self.melodi(melodiBlock: """
            melodi:
              dimensions: [X_MEASURE, SEX]
              variable: "P{period}_{X_MEASURE}_{sex}"
              codes: { SEX: { "_T": T } }
              levels: { COM: commune, DEP: departement }
              levels_not_loaded: [ZE2020]
              conf_status: { Z: secret }
              obs_status: { E: ok, K: not-applicable }

            """)])
        let rule = try #require(loaded.definitions.first?.melodi)
        #expect(rule.effectiveConfStatus["Z"] == .secret)
        #expect(rule.effectiveConfStatus["C"] == .secret)
        #expect(rule.effectiveObsStatus["E"] == .ok)
        #expect(rule.effectiveObsStatus["K"] == .notApplicable)
        #expect(rule.effectiveObsStatus["A"] == .ok)
        // A placeholder names a dimension without regard to case.
        #expect(try rule.template().render(codes: ["POP", "T"], period: "2022") == "P2022_POP_T")
    }

    static let ruleBreakers: [(text: String, says: String)] = [
        (melodi(melodiBlock: ""), "needs melodi:"),
        (melodi("key: { column: GEO, code: commune }\n"), "remove key:"),
        (melodi().replacingOccurrences(of: "geography: 2025\n", with: ""), "geography:"),
        (melodi("variables: { period: \"2021\" }\n"), "TIME_PERIOD"),
        (melodi(melodiBlock: "melodi: { dimensions: [TIME_PERIOD], variable: \"X{yy}\", levels: { COM: commune } }\n"), "TIME_PERIOD, which every Melodi file has"),
        (melodi(melodiBlock: "melodi: { dimensions: [A, a], variable: \"X{yy}\", levels: { COM: commune } }\n"), "twice"),
        (melodi(melodiBlock: "melodi: { dimensions: [A], variable: \"{B}{yy}\", levels: { COM: commune } }\n"), "{B}"),
        (melodi(melodiBlock: "melodi: { dimensions: [A], variable: \"{A{yy}\", levels: { COM: commune } }\n"), "melodi.variable"),
        (melodi(melodiBlock: "melodi: { dimensions: [A], variable: \"{A}}\", levels: { COM: commune } }\n"), "does not open"),
        (melodi(melodiBlock: "melodi: { dimensions: [A], variable: \"{A}\", codes: { B: { x: y } }, levels: { COM: commune } }\n"), "codes of B"),
        (melodi(melodiBlock: "melodi: { dimensions: [A], variable: \"{A}\", levels: {} }\n"), "at least one GEO_OBJECT"),
        (melodi(melodiBlock: "melodi: { dimensions: [A], variable: \"{A}\", levels: { COM: commune }, levels_not_loaded: [COM] }\n"), "GEO_OBJECT COM"),
    ]

    @Test("Melodi definitions breaking a rule are refused with a message saying which", arguments: ruleBreakers)
    func rules(_ testCase: (text: String, says: String)) throws {
        try expectRefused(testCase.text, saying: testCase.says)
    }

    @Test("an unknown status or level kind does not decode", arguments: [
        melodi(melodiBlock: "melodi: { dimensions: [A], variable: \"{A}\", levels: { COM: commune }, conf_status: { X: hidden } }\n"),
        melodi(melodiBlock: "melodi: { dimensions: [A], variable: \"{A}\", levels: { COM: canton } }\n"),
    ])
    func undecodable(text: String) throws {
        try withDefinitions(["source.yaml": text]) { directory in
            #expect(catalogError { _ = try SourceCatalog(directory: directory.path) }?.code == .invalidDefinition)
        }
    }

    @Test("{yy} needs a four-digit year; {period} takes the period as published")
    func templateRendering() throws {
        let template = try VariableTemplate("{M}{yy}", dimensions: ["M"])
        #expect(template.usesTwoDigitYear)
        #expect(template.render(codes: ["MED"], period: "1999") == "MED99")
        #expect(template.render(codes: ["MED"], period: "2021-S1") == nil)
        #expect(template.render(codes: ["MED"], period: "21") == nil)
        let monthly = try VariableTemplate("IPC_{period}", dimensions: [])
        #expect(!monthly.usesTwoDigitYear)
        #expect(monthly.render(codes: [], period: "2024-05") == "IPC_2024-05")
        #expect(throws: VariableTemplate.TemplateError.self) { try VariableTemplate("", dimensions: []) }
    }

    @Test("the data and metadata files of a dataset name each other, in the case they are written in", arguments: [
        ("DS_FILOSOFI_CC_data.csv", "DS_FILOSOFI_CC_metadata.csv"),
        ("DS_RP_POPULATION_PRINC_2022_data.csv", "DS_RP_POPULATION_PRINC_2022_metadata.csv"),
        ("DS_X_DATA.CSV", "DS_X_METADATA.CSV"),
    ])
    func companionNames(data: String, metadata: String) {
        #expect(SourceDefinition.MelodiRule.metadataName(ofData: data) == metadata)
        #expect(SourceDefinition.MelodiRule.dataName(ofMetadata: metadata) == data)
    }

    @Test("a file not named …_data.csv has no metadata name")
    func noCompanion() {
        #expect(SourceDefinition.MelodiRule.metadataName(ofData: "filosofi.csv") == nil)
        #expect(SourceDefinition.MelodiRule.metadataName(ofData: "_data.csv") == nil)
        #expect(SourceDefinition.MelodiRule.dataName(ofMetadata: "meta_dossier_complet.csv") == nil)
    }
}
