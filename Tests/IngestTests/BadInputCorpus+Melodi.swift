import Foundation
import Ingest
import TestSupport

/// Defective Melodi datasets: each refusal names the file (the member of an archive), the
/// line, column and value, says what to do, and loads nothing of the file; rows that cannot
/// be loaded are rejected with their place and reason, the rest loads.
extension BadInputCorpus {
    static let melodi: [BadInput] = [
        .generated("undeclared-dimension/DS_FILOSOFI_CC_data.csv", .refused(
            ":1, column AGE: column AGE is neither a dimension of source filosofi-commune-2021-geo2025 (melodi.dimensions: FILOSOFI_MEASURE) nor a column it ignores: rows that differ only by AGE would be loaded as one observation, so nothing is loaded. Declare AGE under melodi.dimensions (and in melodi.variable) if it is a dimension, under ignore: if it is an attribute")) {
            Array(melodiData(header: MelodiFixture.longHeader.replacingOccurrences(of: #""FILOSOFI_MEASURE";"#, with: #""FILOSOFI_MEASURE";"AGE";"#), [
                #""62498";"COM";"MED_SL";"Y_LT30";"EUR_YR";"0";"F";"A";"2021";"15020""#,
                #""62498";"COM";"MED_SL";"Y_GE75";"EUR_YR";"0";"F";"A";"2021";"19840""#,
            ]).utf8)
        },
        .generated("unknown-level.zip", .refused(
            "!DS_FILOSOFI_CC_data.csv:4, column GEO_OBJECT, value 'IRIS': GEO_OBJECT 'IRIS' is neither a level source filosofi-commune-2021-geo2025 loads (ARM, COM, DEP, EPCI, REG) nor one it leaves out (FRANCE, FRANCE_METRO, ZE2020, UU2020, AAV2020, BV2022): nothing of the file is loaded. Add it to melodi.levels (to load it) or melodi.levels_not_loaded (to count it and leave it out) in the definition of filosofi-commune-2021-geo2025 (pipelines/sources)")) {
            MelodiFixture.archive(data: melodiData([
                #""62498";"COM";"MED_SL";"EUR_YR";"0";"F";"A";"2021";"17250""#,
                #""62510";"COM";"MED_SL";"EUR_YR";"0";"F";"A";"2021";"17840""#,
                #""624980101";"IRIS";"MED_SL";"EUR_YR";"0";"F";"A";"2021";"15200""#,
            ]))
        },
        .generated("undocumented-conf-status/DS_FILOSOFI_CC_data.csv", .refused(
            ":3, column CONF_STATUS, value 'X': CONF_STATUS 'X' is not documented: source filosofi-commune-2021-geo2025 reads the codes of SDMX's code list and of its melodi.conf_status (C secret, D secret, F free, N secret, S secret). Nothing of the file is loaded: check the code in the dataset's metadata and INSEE's documentation, then declare it under melodi.conf_status of filosofi-commune-2021-geo2025 (pipelines/sources; see docs/melodi.md)")) {
            Array(melodiData([
                #""62498";"COM";"MED_SL";"EUR_YR";"0";"F";"A";"2021";"17250""#,
                #""62001";"COM";"PR_MD60";"PC";"0";"X";"A";"2021";"""#,
            ]).utf8)
        },
        .generated("undocumented-obs-status.zip", .refused(
            "!DS_FILOSOFI_CC_data.csv:2, column OBS_STATUS, value 'E': OBS_STATUS 'E' is not documented: source filosofi-commune-2021-geo2025 reads the codes of SDMX's code list and of its melodi.obs_status (A value, K missing, L missing, M not-applicable, O missing, Q secret, W value). Nothing of the file is loaded: check the code in the dataset's metadata and INSEE's documentation, then declare it under melodi.obs_status of filosofi-commune-2021-geo2025 (pipelines/sources; see docs/melodi.md)")) {
            MelodiFixture.archive(data: melodiData([#""62498";"COM";"MED_SL";"EUR_YR";"0";"F";"E";"2021";"17250""#]))
        },
        .generated("duplicate-observation.zip", .refused(
            "!DS_FILOSOFI_CC_data.csv:5, column GEO, value '62': the observation GEO 62 (DEP), FILOSOFI_MEASURE MED_SL, TIME_PERIOD 2021 is already on line 3: one observation per territory, dimension codes and period, so nothing of the file is loaded. Download the dataset again; if INSEE publishes it so, report it to INSEE")) {
            MelodiFixture.archive(data: melodiData([
                #""62498";"COM";"MED_SL";"EUR_YR";"0";"F";"A";"2021";"17250""#,
                #""62";"DEP";"MED_SL";"EUR_YR";"0";"F";"A";"2021";"20480""#,
                #""32";"REG";"MED_SL";"EUR_YR";"0";"F";"A";"2021";"21240""#,
                #""62";"DEP";"MED_SL";"EUR_YR";"0";"F";"A";"2021";"20490""#,
            ]))
        },
        .generated("metadata-without-codes.zip", .refused(
            "!DS_FILOSOFI_CC_metadata.csv:1, column COD_MOD: the metadata file has no column COD_MOD (header: COD_VAR, LIB_VAR), where INSEE's has COD_VAR;LIB_VAR;COD_MOD;LIB_MOD: download the dataset again")) {
            MelodiFixture.archive(metadata: "COD_VAR;LIB_VAR\nFILOSOFI_MEASURE;Mesure\n")
        },
        // The same code at two levels is two observations: the département and the région 32.
        .generated("same-code-two-levels/DS_FILOSOFI_CC_data.csv", .loaded(2, observationsOfTheMelodiFile, [
            "DEP | 32 | MED21 | 20600.0 | ok", "REG | 32 | MED21 | 21240.0 | ok",
        ])) {
            Array(melodiData([
                #""32";"DEP";"MED_SL";"EUR_YR";"0";"F";"A";"2021";"20600""#,
                #""32";"REG";"MED_SL";"EUR_YR";"0";"F";"A";"2021";"21240""#,
            ]).utf8)
        },
        .generated("rows-rejected/DS_FILOSOFI_CC_data.csv", .rejected(loaded: 3, [
            Rejection(line: 3, column: "OBS_VALUE", value: "douze", reason: "not a number: expected a decimal number (point or comma), or an empty OBS_VALUE with its status"),
            Rejection(line: 4, column: "OBS_VALUE", value: "", reason: "OBS_STATUS A says there is a value, and OBS_VALUE is empty"),
            Rejection(line: 5, column: "OBS_VALUE", value: "12", reason: "OBS_STATUS O says there is no value (missing), yet OBS_VALUE holds one"),
            Rejection(line: 6, column: "GEO", value: "75101", reason: "a code of level ARM under GEO_OBJECT COM: the row says two levels"),
            Rejection(line: 7, column: "GEO", value: "6249", reason: "not a valid departement code: expected 2 characters (01…95, 2A, 2B) or 3 digits for overseas (971…976)"),
            Rejection(line: 8, column: "TIME_PERIOD", value: "2021-S1", reason: "not a year: the variable template of source filosofi-commune-2021-geo2025 ({FILOSOFI_MEASURE}{yy}) takes {yy} from TIME_PERIOD"),
            Rejection(line: 9, column: "OBS_VALUE", value: "-12", reason: Reason.negativeCount("NBMENFISC21", "filosofi-commune-2021-geo2025")),
            Rejection(line: 10, column: "UNIT_MULT", value: "k", reason: "not a power of ten: UNIT_MULT is the exponent the value is published in (0 units, 3 thousands …)"),
            Rejection(line: 11, column: "FILOSOFI_MEASURE", value: "", reason: "an empty dimension code: the observation cannot be told from others"),
        ], query: observationsOfTheMelodiFile, rows: [
            "ARM | 75101 | MED21 | 35030.0 | ok", "COM | 62001 | TP6021 | NULL | secret", "COM | 62498 | MED21 | 17250.0 | ok",
        ])) {
            Array(melodiData([
                #""62498";"COM";"MED_SL";"EUR_YR";"0";"F";"A";"2021";"17250""#,
                #""62510";"COM";"MED_SL";"EUR_YR";"0";"F";"A";"2021";"douze""#,
                #""62510";"COM";"PR_MD60";"PC";"0";"F";"A";"2021";"""#,
                #""62510";"COM";"D1_SL";"EUR_YR";"0";"F";"O";"2021";"12""#,
                #""75101";"COM";"MED_SL";"EUR_YR";"0";"F";"A";"2021";"35030""#,
                #""6249";"DEP";"MED_SL";"EUR_YR";"0";"F";"A";"2021";"20480""#,
                #""62498";"COM";"MED_SL";"EUR_YR";"0";"F";"A";"2021-S1";"17250""#,
                #""62019";"COM";"NUM_HH";"HH";"0";"F";"A";"2021";"-12""#,
                #""62019";"COM";"NUM_PER";"PS";"k";"F";"A";"2021";"3769""#,
                #""62019";"COM";"";"PS";"0";"F";"A";"2021";"3769""#,
                #""75101";"ARM";"MED_SL";"EUR_YR";"0";"F";"A";"2021";"35030""#,
                #""62001";"COM";"PR_MD60";"PC";"0";"C";"A";"2021";"""#,
            ]).utf8)
        },
    ]

    /// A Melodi data file: `header` (the Filosofi dataset's by default), then `rows`.
    static func melodiData(header: String = MelodiFixture.longHeader, _ rows: [String]) -> String {
        ([header] + rows).joined(separator: "\n") + "\n"
    }
}

/// The observations of the Melodi file just loaded, its upper levels' parts included.
let observationsOfTheMelodiFile = """
    SELECT territory_level, territory_code, variable, value, status FROM v_observations
    WHERE source_id = 'filosofi-commune-2021-geo2025' ORDER BY territory_level, territory_code, variable
    """
