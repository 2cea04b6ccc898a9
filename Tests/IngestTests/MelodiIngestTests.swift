import Catalog
import Foundation
import Ingest
import Logging
import TestSupport
import Testing

/// Melodi datasets (INSEE's long files since 2025) read as published: from their zip or as
/// a data file beside its metadata, levels and statuses mapped, upper levels loaded as the
/// values published there, and everything not loaded counted.
@Suite struct MelodiIngestTests {
    /// The observations of one territory (`level:code`) in the warehouse, one line each.
    private static func observations(_ sandbox: Sandbox, _ territories: [String], variables: [String]) throws -> [String] {
        try sandbox.lines("""
            SELECT territory_level || ':' || territory_code, variable, period, value, status FROM v_observations
            WHERE source_id = 'filosofi-commune-2021-geo2025'
              AND territory_level || ':' || territory_code IN (SELECT value FROM json_each(?))
              AND variable IN (SELECT value FROM json_each(?))
            ORDER BY 1, 2
            """, [json(territories), json(variables)])
    }

    private static func json(_ texts: [String]) -> String {
        "[" + texts.map { "\"\($0)\"" }.joined(separator: ",") + "]"
    }

    @Test func theArchiveLoadsCommunesAndThePublishedUpperLevelsWithTheirStatuses() throws {
        let sandbox = try Sandbox()
        let path = try sandbox.write("base-cc-filosofi-2021-geo2025_csv.zip", bytes: MelodiFixture.archive())
        let outcome = try sandbox.ingest(path)
        #expect(outcome.status == .loaded, "\(outcome.message ?? "")")
        #expect(outcome.sourceID == "filosofi-commune-2021-geo2025")
        #expect(outcome.sheet == "DS_FILOSOFI_CC_data.csv")
        #expect(outcome.vintage == "2021")
        // 133 commune rows, 17 above them, 2 of France left out.
        #expect(outcome.counts == .init(rowsRead: 152, rowsLoaded: 150, rowsRejected: 0))
        #expect(outcome.valuesLoaded == 150)
        #expect(outcome.repairs?.contains("observations of levels not loaded (no territory here): FRANCE 2") == true, "\(outcome.repairs ?? "")")
        #expect(outcome.unusedColumns.isEmpty)

        #expect(try Self.observations(sandbox, ["COM:62498", "COM:62001", "COM:55039"], variables: ["MED21", "TP6021", "NBMENFISC21"]) == [
            "COM:55039 | MED21 | 2021 | NULL | missing",
            "COM:55039 | NBMENFISC21 | 2021 | NULL | missing",
            "COM:55039 | TP6021 | 2021 | NULL | missing",
            "COM:62001 | MED21 | 2021 | 25590.0 | ok",
            "COM:62001 | NBMENFISC21 | 2021 | 791.0 | ok",
            "COM:62001 | TP6021 | 2021 | NULL | secret",
            "COM:62498 | MED21 | 2021 | 17250.0 | ok",
            "COM:62498 | NBMENFISC21 | 2021 | 13571.0 | ok",
            "COM:62498 | TP6021 | 2021 | 32.0 | ok",
        ])
        // The région 32 and the département 32 would share a code: each level has its own load.
        #expect(try Self.observations(sandbox, ["EPCI:246200364", "DEP:62", "REG:32"], variables: ["MED21", "NBUC21", "GI_SL21"]) == [
            "DEP:62 | MED21 | 2021 | 20480.0 | ok",
            "EPCI:246200364 | MED21 | 2021 | 18660.0 | ok",
            "REG:32 | GI_SL21 | 2021 | 0.281 | ok",
            "REG:32 | MED21 | 2021 | 21240.0 | ok",
            "REG:32 | NBUC21 | 2021 | 3812600.0 | ok",
        ])
        #expect(try sandbox.lines("SELECT name, rows_read, rows_loaded, rows_rejected, sha256 = (SELECT sha256 FROM files WHERE file_id = 1) FROM files ORDER BY file_id") == [
            "base-cc-filosofi-2021-geo2025_csv.zip!DS_FILOSOFI_CC_data.csv | 152 | 150 | 0 | 1",
            "base-cc-filosofi-2021-geo2025_csv.zip!DS_FILOSOFI_CC_data.csv [EPCI] | 5 | 5 | 0 | 1",
            "base-cc-filosofi-2021-geo2025_csv.zip!DS_FILOSOFI_CC_data.csv [DEP] | 7 | 7 | 0 | 1",
            "base-cc-filosofi-2021-geo2025_csv.zip!DS_FILOSOFI_CC_data.csv [REG] | 5 | 5 | 0 | 1",
        ])
        // Labels: the source's own, else the metadata's (GI_SL has no code of ours).
        #expect(try sandbox.lines("SELECT variable, label FROM v_variables WHERE variable IN ('MED21', 'GI_SL21') ORDER BY 1") == [
            "GI_SL21 | Indice de Gini du niveau de vie", "MED21 | Médiane du niveau de vie (€)",
        ])
        #expect(try sandbox.scalar("SELECT kind FROM sources WHERE source_id = 'filosofi-commune-2021-geo2025'") == "observations")
    }

    @Test func aDataFileIsReadWithTheMetadataBesideItWhichIsNotLoadedOnItsOwn() throws {
        let sandbox = try Sandbox()
        try sandbox.write("raw/DS_FILOSOFI_CC_data.csv", MelodiFixture.data)
        try sandbox.write("raw/DS_FILOSOFI_CC_metadata.csv", MelodiFixture.metadata)
        let summary = try sandbox.ingest([sandbox.directory.appendingPathComponent("raw").path])
        #expect(summary.outcomes.map(\.status) == [.loaded, .skipped])
        #expect(summary.outcomes[0].sourceID == "filosofi-commune-2021-geo2025")
        #expect(summary.outcomes[0].sheet == nil)
        #expect(summary.outcomes[1].message == "the metadata of DS_FILOSOFI_CC_data.csv, read with it")
        #expect(try sandbox.scalar("SELECT label FROM v_variables WHERE variable = 'GI_SL21'") == "Indice de Gini du niveau de vie")
        // Named on the command line, it is skipped all the same.
        let named = try sandbox.ingest(sandbox.directory.appendingPathComponent("raw/DS_FILOSOFI_CC_metadata.csv").path)
        #expect(named.status == .skipped)
    }

    @Test func aDataFileWithoutItsMetadataLoadsAndSaysSo() throws {
        let sandbox = try Sandbox()
        let outcome = try sandbox.ingest(sandbox.write("DS_FILOSOFI_CC_data.csv", MelodiFixture.data))
        #expect(outcome.status == .loaded)
        #expect(outcome.repairs?.contains("DS_FILOSOFI_CC_metadata.csv was not found with the data: variables are labelled from the source definition only") == true)
        #expect(try sandbox.scalar("SELECT label FROM v_variables WHERE variable = 'GI_SL21'") as String? == nil)
        #expect(try sandbox.scalar("SELECT label FROM v_variables WHERE variable = 'MED21'") == "Médiane du niveau de vie (€)")
    }

    @Test func valuesAreScaledByTheirUnitMultiplier() throws {
        let sandbox = try Sandbox()
        let outcome = try sandbox.ingest(sandbox.write("DS_FILOSOFI_CC_data.csv", BadInputCorpus.melodiData([
            #""62498";"COM";"NUM_HH";"HH";"3";"F";"A";"2021";"13.571""#,
            #""62498";"COM";"MED_SL";"EUR_YR";"-1";"F";"A";"2021";"172500""#,
            #""62498";"COM";"PR_MD60";"PC";"";"F";"A";"2021";"32""#,
            #""62498";"COM";"D1_SL";"EUR_YR";"2";"C";"A";"2021";"""#,
        ])))
        #expect(outcome.status == .loaded)
        #expect(try sandbox.lines(observationsOfTheMelodiFile) == [
            "COM | 62498 | D121 | NULL | secret", "COM | 62498 | MED21 | 17250.0 | ok",
            "COM | 62498 | NBMENFISC21 | 13571.0 | ok", "COM | 62498 | TP6021 | 32.0 | ok",
        ])
    }

    /// A confidential observation is a secret whatever else its row says: a number beside
    /// it is not kept, and counted; OBS_STATUS Q (suppressed) is a secret too.
    @Test func aConfidentialObservationIsSecretEvenWithANumber() throws {
        let sandbox = try Sandbox()
        let outcome = try sandbox.ingest(sandbox.write("DS_FILOSOFI_CC_data.csv", BadInputCorpus.melodiData([
            #""62001";"COM";"PR_MD60";"PC";"0";"C";"A";"2021";"9""#,
            #""62001";"COM";"D1_SL";"EUR_YR";"0";"D";"O";"2021";"""#,
            #""62001";"COM";"D9_SL";"EUR_YR";"0";"F";"Q";"2021";"40100""#,
            #""62001";"COM";"MED_SL";"EUR_YR";"0";"";"";"2021";"25590""#,
            #""62001";"COM";"RD_SL";"RATIO";"0";"";"";"2021";"""#,
        ])))
        #expect(outcome.status == .loaded)
        #expect(outcome.repairs?.contains("2 observations withheld by CONF_STATUS or OBS_STATUS carried a value: not kept") == true)
        #expect(try sandbox.lines(observationsOfTheMelodiFile) == [
            "COM | 62001 | D121 | NULL | secret", "COM | 62001 | D921 | NULL | secret",
            "COM | 62001 | MED21 | 25590.0 | ok", "COM | 62001 | RD_SL21 | NULL | missing",
            "COM | 62001 | TP6021 | NULL | secret",
        ])
    }

    @Test func levelsWithNoTerritoryHereAreCountedNotLoaded() throws {
        let sandbox = try Sandbox()
        let outcome = try sandbox.ingest(sandbox.write("DS_FILOSOFI_CC_data.csv", BadInputCorpus.melodiData([
            #""62498";"COM";"MED_SL";"EUR_YR";"0";"F";"A";"2021";"17250""#,
            #""3214";"ZE2020";"MED_SL";"EUR_YR";"0";"F";"A";"2021";"18900""#,
            #""3214";"ZE2020";"PR_MD60";"PC";"0";"C";"A";"2021";"""#,
            #""62501";"UU2020";"MED_SL";"EUR_YR";"0";"F";"A";"2021";"18700""#,
            #""FM";"FRANCE";"MED_SL";"EUR_YR";"0";"F";"A";"2021";"23160""#,
        ])))
        #expect(outcome.status == .loaded)
        #expect(outcome.counts == .init(rowsRead: 5, rowsLoaded: 1, rowsRejected: 0))
        #expect(outcome.repairs?.hasPrefix("observations of levels not loaded (no territory here): FRANCE 1, UU2020 1, ZE2020 2") == true, "\(outcome.repairs ?? "")")
        #expect(try sandbox.scalar("SELECT repairs FROM files WHERE file_id = 1") == outcome.repairs)
        #expect(try sandbox.lines(observationsOfTheMelodiFile) == ["COM | 62498 | MED21 | 17250.0 | ok"])
    }

    /// The same archive again changes nothing; a new edition replaces the file and each of
    /// its levels, and a level it no longer publishes is retired with the rest.
    @Test func aNewEditionReplacesEveryLevelOfThePreviousOne() throws {
        let sandbox = try Sandbox()
        let path = try sandbox.write("base-cc-filosofi-2021-geo2025_csv.zip", bytes: MelodiFixture.archive())
        #expect(try sandbox.ingest(path).status == .loaded)
        let before = try sandbox.dump()
        #expect(try sandbox.ingest(path).status == .unchanged)
        #expect(try sandbox.dump() == before)

        let withoutRegions = MelodiFixture.data.split(separator: "\n").filter { !$0.contains(#";"REG";"#) }.joined(separator: "\n") + "\n"
        try sandbox.write("base-cc-filosofi-2021-geo2025_csv.zip", bytes: MelodiFixture.archive(data: withoutRegions))
        let replaced = try sandbox.ingest(path)
        #expect(replaced.status == .loaded)
        #expect(replaced.replacedFileID == 1)
        #expect(try sandbox.lines("SELECT file_id, name, status, coalesce(replaced_by, ''), rows_loaded FROM files ORDER BY file_id") == [
            "1 | base-cc-filosofi-2021-geo2025_csv.zip!DS_FILOSOFI_CC_data.csv | replaced | 5 | 150",
            "2 | base-cc-filosofi-2021-geo2025_csv.zip!DS_FILOSOFI_CC_data.csv [EPCI] | replaced | 6 | 5",
            "3 | base-cc-filosofi-2021-geo2025_csv.zip!DS_FILOSOFI_CC_data.csv [DEP] | replaced | 7 | 7",
            "4 | base-cc-filosofi-2021-geo2025_csv.zip!DS_FILOSOFI_CC_data.csv [REG] | replaced | 8 | 5",
            "5 | base-cc-filosofi-2021-geo2025_csv.zip!DS_FILOSOFI_CC_data.csv | current |  | 145",
            "6 | base-cc-filosofi-2021-geo2025_csv.zip!DS_FILOSOFI_CC_data.csv [EPCI] | current |  | 5",
            "7 | base-cc-filosofi-2021-geo2025_csv.zip!DS_FILOSOFI_CC_data.csv [DEP] | current |  | 7",
            "8 | base-cc-filosofi-2021-geo2025_csv.zip!DS_FILOSOFI_CC_data.csv [REG] | current |  | 0",
        ])
        #expect(try sandbox.scalar("SELECT count(*) FROM v_observations WHERE territory_level = 'REG'") == 0)
    }

    /// Ingests `content` as `name` with the single source `definition` (YAML).
    private static func ingest(_ content: String, as name: String, definition: String, in sandbox: Sandbox) throws -> FileOutcome {
        try sandbox.write("sources/source.yaml", definition)
        let path = try sandbox.write(name, content)
        var logger = Logger(label: "tests")
        logger.logLevel = .critical
        let catalog = try SourceCatalog(directory: sandbox.directory.appendingPathComponent("sources").path)
        return try IngestJob(catalog: catalog, warehouse: sandbox.warehouse, logger: logger).run(paths: [path], options: IngestOptions(), command: "test").outcomes[0]
    }

    /// A census dataset by age and sex, declared in YAML only: `FREQ` is a dimension with
    /// one code, left out of the variable codes.
    static let ages = """
        id: ages
        label: Ages
        kind: melodi
        vintage: "2022"
        geography: 2025
        recognise: { columns: [GEO, GEO_OBJECT, RP_MEASURE, TIME_PERIOD, OBS_VALUE], file_name: 'DS_AGES' }
        melodi:
          dimensions: [AGE, SEX, RP_MEASURE, FREQ]
          variable: "P{yy}_{RP_MEASURE}{AGE}{SEX}"
          codes: { AGE: { Y_LT15: "0014", Y15T29: "1529", _T: "" }, SEX: { M: _H, F: _F, _T: "" } }
          levels: { COM: commune, DEP: departement }
        variables: { counts: ['P[0-9]{2}_POP.*'] }
        """

    @Test func aDatasetWithItsOwnDimensionsNeedsOnlyItsDefinition() throws {
        let sandbox = try Sandbox()
        let outcome = try Self.ingest("""
            GEO;GEO_OBJECT;AGE;SEX;RP_MEASURE;FREQ;TIME_PERIOD;OBS_VALUE
            62498;COM;_T;_T;POP;A;2022;31050
            62498;COM;Y_LT15;_T;POP;A;2022;6120
            62498;COM;Y_LT15;F;POP;A;2022;3010
            62498;COM;Y15T29;M;POP;A;2022;3402
            62;DEP;_T;_T;POP;A;2022;1458000

            """, as: "DS_AGES_data.csv", definition: Self.ages, in: sandbox)
        #expect(outcome.status == .loaded, "\(outcome.message ?? "")")
        #expect(try sandbox.lines("SELECT territory_level, territory_code, variable, period, value FROM v_observations ORDER BY 1, 2, 3") == [
            "COM | 62498 | P22_POP | 2022 | 31050.0", "COM | 62498 | P22_POP0014 | 2022 | 6120.0",
            "COM | 62498 | P22_POP0014_F | 2022 | 3010.0", "COM | 62498 | P22_POP1529_H | 2022 | 3402.0",
            "DEP | 62 | P22_POP | 2022 | 1458000.0",
        ])
    }

    @Test func twoObservationsGivenOneVariableCodeRefuseTheFile() throws {
        let sandbox = try Sandbox()
        let before = try sandbox.dump()
        let outcome = try Self.ingest("""
            GEO;GEO_OBJECT;AGE;SEX;RP_MEASURE;FREQ;TIME_PERIOD;OBS_VALUE
            62498;COM;_T;_T;POP;A;2022;31050
            62498;COM;_T;_T;POP;M;2022;31050

            """, as: "DS_AGES_data.csv", definition: Self.ages, in: sandbox)
        #expect(outcome.status == .failed)
        #expect(outcome.message?.hasSuffix("DS_AGES_data.csv:3, column AGE, value '_T': AGE _T, SEX _T, RP_MEASURE POP, FREQ M, TIME_PERIOD 2022 and AGE _T, SEX _T, RP_MEASURE POP, FREQ A, TIME_PERIOD 2022 (line 2) both make the variable P22_POP through melodi.variable 'P{yy}_{RP_MEASURE}{AGE}{SEX}' of source ages: two observations would be one, so nothing is loaded. Give them distinct codes under melodi.codes, or put the dimension that tells them apart in melodi.variable") == true, "\(outcome.message ?? "")")
        #expect(try sandbox.dump() == before)
    }

    /// A declared dimension missing from the file: possible only with a source that does not
    /// require the dimension to recognise the file.
    @Test func aDeclaredDimensionMissingFromTheFileRefusesIt() throws {
        let sandbox = try Sandbox()
        let before = try sandbox.dump()
        let outcome = try Self.ingest("GEO;GEO_OBJECT;RP_MEASURE;TIME_PERIOD;OBS_VALUE\n62498;COM;POP;2022;31000\n",
                                      as: "DS_AGES_data.csv", definition: Self.ages, in: sandbox)
        #expect(outcome.status == .failed)
        #expect(outcome.message?.hasSuffix("DS_AGES_data.csv:1, column AGE: source ages reads the dimension AGE (melodi.dimensions), absent from this file (GEO, GEO_OBJECT, RP_MEASURE, TIME_PERIOD, OBS_VALUE): the file is another dataset, or INSEE changed its dimensions. Check the file, or update melodi.dimensions and melodi.variable of ages in pipelines/sources") == true, "\(outcome.message ?? "")")
        #expect(try sandbox.dump() == before)
    }
}
