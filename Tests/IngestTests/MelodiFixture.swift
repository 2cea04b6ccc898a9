import Foundation
import TestSupport

/// One set of Filosofi 2021 figures written twice, in the two layouts INSEE published them
/// in: the wide géographie 2024 file (`cc_filosofi_2021_COM.csv`, source
/// `filosofi-commune-2021`) and the long Melodi dataset of géographie 2025
/// (`DS_FILOSOFI_CC_data.csv` and `DS_FILOSOFI_CC_metadata.csv`, source
/// `filosofi-commune-2021-geo2025`).
///
/// The commune figures are the real ones of `../shared/data/filosofi/cc_filosofi_2021_COM.csv`
/// for Lens, Liévin, Ablain-Saint-Nazaire (secret but for its households and median),
/// Aix-Noulette, Lille, Roubaix and Beaumont-en-Verdunois (no inhabitant, `nd` everywhere:
/// the real `nd` communes are all outside the Nord and Pas-de-Calais). The
/// wide lines are copied from that file; the long rows say the same thing in Melodi's
/// layout (docs/melodi.md): `s` is CONF_STATUS C with an empty OBS_VALUE, `nd` OBS_STATUS O,
/// decimal points. The poverty rates by age and tenure (`TP60AGE…`, `TP60TOL…`) have no
/// measure in the Melodi dataset, and its `NUM_CU` no column in the wide file.
///
/// The values of the EPCI, départements, régions and France are made up: Filosofi 2021
/// above the commune is not among `../shared/data`. UNIT_MEASURE codes are placeholders
/// (not read by the loader; INSEE's code list was not found).
enum MelodiFixture {
    static let wide = """
        CODGEO;NBMENFISC21;NBPERSMENFISC21;MED21;PIMP21;TP6021;TP60AGE121;TP60AGE221;TP60AGE321;TP60AGE421;TP60AGE521;TP60AGE621;TP60TOL121;TP60TOL221;PACT21;PTSA21;PCHO21;PBEN21;PPEN21;PPAT21;PPSOC21;PPFAM21;PPMINI21;PPLOGT21;PIMPOT21;D121;D921;RD21
        55039;nd;nd;nd;nd;nd;nd;nd;nd;nd;nd;nd;nd;nd;nd;nd;nd;nd;nd;nd;nd;nd;nd;nd;nd;nd;nd;nd
        59350;96579;187249;20520;50,0;27,0;33,0;24,0;30,0;28,0;22,0;18,0;6,0;39,0;84,3;74,8;3,7;5,8;17,4;7,9;8,5;2,2;4,1;2,2;-18,1;9510;41520;4,4
        59512;34148;86657;14580;28,0;46,0;52,0;51,0;51,0;46,0;35,0;29,0;23,0;59,0;65,3;57,0;4,7;3,6;19,2;5,1;21,5;6,4;10,4;4,7;-11,1;8510;28610;3,4
        62001;791;1890;25590;s;s;s;s;s;s;s;s;s;s;s;s;s;s;s;s;s;s;s;s;s;s;s;s
        62019;1634;3769;22990;54,0;13,0;s;s;s;s;s;s;s;29,0;75,9;66,8;2,6;6,5;29,3;4,1;5,5;2,2;2,3;1,0;-14,8;12650;36470;2,9
        62498;13571;28508;17250;35,0;32,0;44,0;40,0;38,0;29,0;22,0;17,0;9,0;41,0;63,3;56,5;3,4;3,4;30,2;4,1;14,4;3,6;7,5;3,3;-12,0;9720;29930;3,1
        62510;11691;26870;17840;34,0;28,0;40,0;32,0;32,0;27,0;20,0;16,0;9,0;42,0;64,8;59,0;3,5;2,3;30,2;2,8;13,2;3,8;6,6;2,8;-11,0;10170;29230;2,9

        """

    static let longHeader = #""GEO";"GEO_OBJECT";"FILOSOFI_MEASURE";"UNIT_MEASURE";"UNIT_MULT";"CONF_STATUS";"OBS_STATUS";"TIME_PERIOD";"OBS_VALUE""#

    /// The commune rows: 19 measures each.
    static let communeRows = """
        "55039";"COM";"NUM_HH";"HH";"0";"F";"O";"2021";""
        "55039";"COM";"NUM_PER";"PS";"0";"F";"O";"2021";""
        "55039";"COM";"MED_SL";"EUR_YR";"0";"F";"O";"2021";""
        "55039";"COM";"S_HH_TAX";"PC";"0";"F";"O";"2021";""
        "55039";"COM";"PR_MD60";"PC";"0";"F";"O";"2021";""
        "55039";"COM";"S_EI_DI";"PC";"0";"F";"O";"2021";""
        "55039";"COM";"S_EI_DI_SAL";"PC";"0";"F";"O";"2021";""
        "55039";"COM";"S_EI_DI_UNE";"PC";"0";"F";"O";"2021";""
        "55039";"COM";"S_EI_DI_N_SAL";"PC";"0";"F";"O";"2021";""
        "55039";"COM";"S_RET_PEN_DI";"PC";"0";"F";"O";"2021";""
        "55039";"COM";"S_INC_ASS_DI";"PC";"0";"F";"O";"2021";""
        "55039";"COM";"S_SOC_BEN_DI";"PC";"0";"F";"O";"2021";""
        "55039";"COM";"S_SOC_BEN_DI_FAM_BEN";"PC";"0";"F";"O";"2021";""
        "55039";"COM";"S_SOC_BEN_DI_MIN_SOC";"PC";"0";"F";"O";"2021";""
        "55039";"COM";"S_SOC_BEN_DI_HOU_BEN";"PC";"0";"F";"O";"2021";""
        "55039";"COM";"S_DIR_TAX_DI";"PC";"0";"F";"O";"2021";""
        "55039";"COM";"D1_SL";"EUR_YR";"0";"F";"O";"2021";""
        "55039";"COM";"D9_SL";"EUR_YR";"0";"F";"O";"2021";""
        "55039";"COM";"IR_D9_D1_SL";"RATIO";"0";"F";"O";"2021";""
        "59350";"COM";"NUM_HH";"HH";"0";"F";"A";"2021";"96579"
        "59350";"COM";"NUM_PER";"PS";"0";"F";"A";"2021";"187249"
        "59350";"COM";"MED_SL";"EUR_YR";"0";"F";"A";"2021";"20520"
        "59350";"COM";"S_HH_TAX";"PC";"0";"F";"A";"2021";"50"
        "59350";"COM";"PR_MD60";"PC";"0";"F";"A";"2021";"27"
        "59350";"COM";"S_EI_DI";"PC";"0";"F";"A";"2021";"84.3"
        "59350";"COM";"S_EI_DI_SAL";"PC";"0";"F";"A";"2021";"74.8"
        "59350";"COM";"S_EI_DI_UNE";"PC";"0";"F";"A";"2021";"3.7"
        "59350";"COM";"S_EI_DI_N_SAL";"PC";"0";"F";"A";"2021";"5.8"
        "59350";"COM";"S_RET_PEN_DI";"PC";"0";"F";"A";"2021";"17.4"
        "59350";"COM";"S_INC_ASS_DI";"PC";"0";"F";"A";"2021";"7.9"
        "59350";"COM";"S_SOC_BEN_DI";"PC";"0";"F";"A";"2021";"8.5"
        "59350";"COM";"S_SOC_BEN_DI_FAM_BEN";"PC";"0";"F";"A";"2021";"2.2"
        "59350";"COM";"S_SOC_BEN_DI_MIN_SOC";"PC";"0";"F";"A";"2021";"4.1"
        "59350";"COM";"S_SOC_BEN_DI_HOU_BEN";"PC";"0";"F";"A";"2021";"2.2"
        "59350";"COM";"S_DIR_TAX_DI";"PC";"0";"F";"A";"2021";"-18.1"
        "59350";"COM";"D1_SL";"EUR_YR";"0";"F";"A";"2021";"9510"
        "59350";"COM";"D9_SL";"EUR_YR";"0";"F";"A";"2021";"41520"
        "59350";"COM";"IR_D9_D1_SL";"RATIO";"0";"F";"A";"2021";"4.4"
        "59512";"COM";"NUM_HH";"HH";"0";"F";"A";"2021";"34148"
        "59512";"COM";"NUM_PER";"PS";"0";"F";"A";"2021";"86657"
        "59512";"COM";"MED_SL";"EUR_YR";"0";"F";"A";"2021";"14580"
        "59512";"COM";"S_HH_TAX";"PC";"0";"F";"A";"2021";"28"
        "59512";"COM";"PR_MD60";"PC";"0";"F";"A";"2021";"46"
        "59512";"COM";"S_EI_DI";"PC";"0";"F";"A";"2021";"65.3"
        "59512";"COM";"S_EI_DI_SAL";"PC";"0";"F";"A";"2021";"57"
        "59512";"COM";"S_EI_DI_UNE";"PC";"0";"F";"A";"2021";"4.7"
        "59512";"COM";"S_EI_DI_N_SAL";"PC";"0";"F";"A";"2021";"3.6"
        "59512";"COM";"S_RET_PEN_DI";"PC";"0";"F";"A";"2021";"19.2"
        "59512";"COM";"S_INC_ASS_DI";"PC";"0";"F";"A";"2021";"5.1"
        "59512";"COM";"S_SOC_BEN_DI";"PC";"0";"F";"A";"2021";"21.5"
        "59512";"COM";"S_SOC_BEN_DI_FAM_BEN";"PC";"0";"F";"A";"2021";"6.4"
        "59512";"COM";"S_SOC_BEN_DI_MIN_SOC";"PC";"0";"F";"A";"2021";"10.4"
        "59512";"COM";"S_SOC_BEN_DI_HOU_BEN";"PC";"0";"F";"A";"2021";"4.7"
        "59512";"COM";"S_DIR_TAX_DI";"PC";"0";"F";"A";"2021";"-11.1"
        "59512";"COM";"D1_SL";"EUR_YR";"0";"F";"A";"2021";"8510"
        "59512";"COM";"D9_SL";"EUR_YR";"0";"F";"A";"2021";"28610"
        "59512";"COM";"IR_D9_D1_SL";"RATIO";"0";"F";"A";"2021";"3.4"
        "62001";"COM";"NUM_HH";"HH";"0";"F";"A";"2021";"791"
        "62001";"COM";"NUM_PER";"PS";"0";"F";"A";"2021";"1890"
        "62001";"COM";"MED_SL";"EUR_YR";"0";"F";"A";"2021";"25590"
        "62001";"COM";"S_HH_TAX";"PC";"0";"C";"A";"2021";""
        "62001";"COM";"PR_MD60";"PC";"0";"C";"A";"2021";""
        "62001";"COM";"S_EI_DI";"PC";"0";"C";"A";"2021";""
        "62001";"COM";"S_EI_DI_SAL";"PC";"0";"C";"A";"2021";""
        "62001";"COM";"S_EI_DI_UNE";"PC";"0";"C";"A";"2021";""
        "62001";"COM";"S_EI_DI_N_SAL";"PC";"0";"C";"A";"2021";""
        "62001";"COM";"S_RET_PEN_DI";"PC";"0";"C";"A";"2021";""
        "62001";"COM";"S_INC_ASS_DI";"PC";"0";"C";"A";"2021";""
        "62001";"COM";"S_SOC_BEN_DI";"PC";"0";"C";"A";"2021";""
        "62001";"COM";"S_SOC_BEN_DI_FAM_BEN";"PC";"0";"C";"A";"2021";""
        "62001";"COM";"S_SOC_BEN_DI_MIN_SOC";"PC";"0";"C";"A";"2021";""
        "62001";"COM";"S_SOC_BEN_DI_HOU_BEN";"PC";"0";"C";"A";"2021";""
        "62001";"COM";"S_DIR_TAX_DI";"PC";"0";"C";"A";"2021";""
        "62001";"COM";"D1_SL";"EUR_YR";"0";"C";"A";"2021";""
        "62001";"COM";"D9_SL";"EUR_YR";"0";"C";"O";"2021";""
        "62001";"COM";"IR_D9_D1_SL";"RATIO";"0";"C";"A";"2021";""
        "62019";"COM";"NUM_HH";"HH";"0";"F";"A";"2021";"1634"
        "62019";"COM";"NUM_PER";"PS";"0";"F";"A";"2021";"3769"
        "62019";"COM";"MED_SL";"EUR_YR";"0";"F";"A";"2021";"22990"
        "62019";"COM";"S_HH_TAX";"PC";"0";"F";"A";"2021";"54"
        "62019";"COM";"PR_MD60";"PC";"0";"F";"A";"2021";"13"
        "62019";"COM";"S_EI_DI";"PC";"0";"F";"A";"2021";"75.9"
        "62019";"COM";"S_EI_DI_SAL";"PC";"0";"F";"A";"2021";"66.8"
        "62019";"COM";"S_EI_DI_UNE";"PC";"0";"F";"A";"2021";"2.6"
        "62019";"COM";"S_EI_DI_N_SAL";"PC";"0";"F";"A";"2021";"6.5"
        "62019";"COM";"S_RET_PEN_DI";"PC";"0";"F";"A";"2021";"29.3"
        "62019";"COM";"S_INC_ASS_DI";"PC";"0";"F";"A";"2021";"4.1"
        "62019";"COM";"S_SOC_BEN_DI";"PC";"0";"F";"A";"2021";"5.5"
        "62019";"COM";"S_SOC_BEN_DI_FAM_BEN";"PC";"0";"F";"A";"2021";"2.2"
        "62019";"COM";"S_SOC_BEN_DI_MIN_SOC";"PC";"0";"F";"A";"2021";"2.3"
        "62019";"COM";"S_SOC_BEN_DI_HOU_BEN";"PC";"0";"F";"A";"2021";"1"
        "62019";"COM";"S_DIR_TAX_DI";"PC";"0";"F";"A";"2021";"-14.8"
        "62019";"COM";"D1_SL";"EUR_YR";"0";"F";"A";"2021";"12650"
        "62019";"COM";"D9_SL";"EUR_YR";"0";"F";"A";"2021";"36470"
        "62019";"COM";"IR_D9_D1_SL";"RATIO";"0";"F";"A";"2021";"2.9"
        "62498";"COM";"NUM_HH";"HH";"0";"F";"A";"2021";"13571"
        "62498";"COM";"NUM_PER";"PS";"0";"F";"A";"2021";"28508"
        "62498";"COM";"MED_SL";"EUR_YR";"0";"F";"A";"2021";"17250"
        "62498";"COM";"S_HH_TAX";"PC";"0";"F";"A";"2021";"35"
        "62498";"COM";"PR_MD60";"PC";"0";"F";"A";"2021";"32"
        "62498";"COM";"S_EI_DI";"PC";"0";"F";"A";"2021";"63.3"
        "62498";"COM";"S_EI_DI_SAL";"PC";"0";"F";"A";"2021";"56.5"
        "62498";"COM";"S_EI_DI_UNE";"PC";"0";"F";"A";"2021";"3.4"
        "62498";"COM";"S_EI_DI_N_SAL";"PC";"0";"F";"A";"2021";"3.4"
        "62498";"COM";"S_RET_PEN_DI";"PC";"0";"F";"A";"2021";"30.2"
        "62498";"COM";"S_INC_ASS_DI";"PC";"0";"F";"A";"2021";"4.1"
        "62498";"COM";"S_SOC_BEN_DI";"PC";"0";"F";"A";"2021";"14.4"
        "62498";"COM";"S_SOC_BEN_DI_FAM_BEN";"PC";"0";"F";"A";"2021";"3.6"
        "62498";"COM";"S_SOC_BEN_DI_MIN_SOC";"PC";"0";"F";"A";"2021";"7.5"
        "62498";"COM";"S_SOC_BEN_DI_HOU_BEN";"PC";"0";"F";"A";"2021";"3.3"
        "62498";"COM";"S_DIR_TAX_DI";"PC";"0";"F";"A";"2021";"-12"
        "62498";"COM";"D1_SL";"EUR_YR";"0";"F";"A";"2021";"9720"
        "62498";"COM";"D9_SL";"EUR_YR";"0";"F";"A";"2021";"29930"
        "62498";"COM";"IR_D9_D1_SL";"RATIO";"0";"F";"A";"2021";"3.1"
        "62510";"COM";"NUM_HH";"HH";"0";"F";"A";"2021";"11691"
        "62510";"COM";"NUM_PER";"PS";"0";"F";"A";"2021";"26870"
        "62510";"COM";"MED_SL";"EUR_YR";"0";"F";"A";"2021";"17840"
        "62510";"COM";"S_HH_TAX";"PC";"0";"F";"A";"2021";"34"
        "62510";"COM";"PR_MD60";"PC";"0";"F";"A";"2021";"28"
        "62510";"COM";"S_EI_DI";"PC";"0";"F";"A";"2021";"64.8"
        "62510";"COM";"S_EI_DI_SAL";"PC";"0";"F";"A";"2021";"59"
        "62510";"COM";"S_EI_DI_UNE";"PC";"0";"F";"A";"2021";"3.5"
        "62510";"COM";"S_EI_DI_N_SAL";"PC";"0";"F";"A";"2021";"2.3"
        "62510";"COM";"S_RET_PEN_DI";"PC";"0";"F";"A";"2021";"30.2"
        "62510";"COM";"S_INC_ASS_DI";"PC";"0";"F";"A";"2021";"2.8"
        "62510";"COM";"S_SOC_BEN_DI";"PC";"0";"F";"A";"2021";"13.2"
        "62510";"COM";"S_SOC_BEN_DI_FAM_BEN";"PC";"0";"F";"A";"2021";"3.8"
        "62510";"COM";"S_SOC_BEN_DI_MIN_SOC";"PC";"0";"F";"A";"2021";"6.6"
        "62510";"COM";"S_SOC_BEN_DI_HOU_BEN";"PC";"0";"F";"A";"2021";"2.8"
        "62510";"COM";"S_DIR_TAX_DI";"PC";"0";"F";"A";"2021";"-11"
        "62510";"COM";"D1_SL";"EUR_YR";"0";"F";"A";"2021";"10170"
        "62510";"COM";"D9_SL";"EUR_YR";"0";"F";"A";"2021";"29230"
        "62510";"COM";"IR_D9_D1_SL";"RATIO";"0";"F";"A";"2021";"2.9"

        """

    /// Values published above the commune (made up), among them the Gini index, a measure
    /// the source gives no code of ours (loaded as `GI_SL21`); and France, which is not loaded.
    static let upperLevelRows = """
        "246200364";"EPCI";"NUM_HH";"HH";"0";"F";"A";"2021";"106040"
        "246200364";"EPCI";"NUM_PER";"PS";"0";"F";"A";"2021";"240110"
        "246200364";"EPCI";"MED_SL";"EUR_YR";"0";"F";"A";"2021";"18660"
        "246200364";"EPCI";"PR_MD60";"PC";"0";"F";"A";"2021";"25.3"
        "200093201";"EPCI";"MED_SL";"EUR_YR";"0";"F";"A";"2021";"21450"
        "59";"DEP";"NUM_HH";"HH";"0";"F";"A";"2021";"1083800"
        "59";"DEP";"MED_SL";"EUR_YR";"0";"F";"A";"2021";"20890"
        "59";"DEP";"PR_MD60";"PC";"0";"F";"A";"2021";"18.7"
        "62";"DEP";"NUM_HH";"HH";"0";"F";"A";"2021";"621500"
        "62";"DEP";"MED_SL";"EUR_YR";"0";"F";"A";"2021";"20480"
        "62";"DEP";"PR_MD60";"PC";"0";"F";"A";"2021";"19.6"
        "55";"DEP";"MED_SL";"EUR_YR";"0";"F";"A";"2021";"21480"
        "32";"REG";"NUM_HH";"HH";"0";"F";"A";"2021";"2509300"
        "32";"REG";"MED_SL";"EUR_YR";"0";"F";"A";"2021";"21240"
        "32";"REG";"PR_MD60";"PC";"0";"F";"A";"2021";"17.4"
        "32";"REG";"NUM_CU";"UC";"0";"F";"A";"2021";"3812600"
        "32";"REG";"GI_SL";"RATIO";"0";"F";"A";"2021";"0.281"
        "F";"FRANCE";"MED_SL";"EUR_YR";"0";"F";"A";"2021";"23080"
        "FM";"FRANCE";"MED_SL";"EUR_YR";"0";"F";"A";"2021";"23160"

        """

    /// The data file: header, communes, then the levels above them.
    static let data = longHeader + "\n" + communeRows + upperLevelRows

    /// `COD_VAR;LIB_VAR;COD_MOD;LIB_MOD`: each column, its label, its codes and their labels.
    static let metadata = """
        "COD_VAR";"LIB_VAR";"COD_MOD";"LIB_MOD"
        "FILOSOFI_MEASURE";"Mesure";"NUM_HH";"Nombre de ménages fiscaux"
        "FILOSOFI_MEASURE";"Mesure";"NUM_PER";"Nombre de personnes dans les ménages fiscaux"
        "FILOSOFI_MEASURE";"Mesure";"NUM_CU";"Nombre d'unités de consommation"
        "FILOSOFI_MEASURE";"Mesure";"MED_SL";"Médiane du niveau de vie"
        "FILOSOFI_MEASURE";"Mesure";"PR_MD60";"Taux de pauvreté au seuil de 60 % du niveau de vie médian"
        "FILOSOFI_MEASURE";"Mesure";"S_HH_TAX";"Part des ménages fiscaux imposés"
        "FILOSOFI_MEASURE";"Mesure";"S_EI_DI";"Part des revenus d'activité"
        "FILOSOFI_MEASURE";"Mesure";"S_EI_DI_SAL";"Part des salaires et traitements"
        "FILOSOFI_MEASURE";"Mesure";"S_EI_DI_UNE";"Part des indemnités de chômage"
        "FILOSOFI_MEASURE";"Mesure";"S_EI_DI_N_SAL";"Part des revenus des activités non salariées"
        "FILOSOFI_MEASURE";"Mesure";"S_RET_PEN_DI";"Part des pensions, retraites et rentes"
        "FILOSOFI_MEASURE";"Mesure";"S_INC_ASS_DI";"Part des revenus du patrimoine et autres revenus"
        "FILOSOFI_MEASURE";"Mesure";"S_SOC_BEN_DI";"Part de l'ensemble des prestations sociales"
        "FILOSOFI_MEASURE";"Mesure";"S_SOC_BEN_DI_FAM_BEN";"Part des prestations familiales"
        "FILOSOFI_MEASURE";"Mesure";"S_SOC_BEN_DI_MIN_SOC";"Part des minima sociaux"
        "FILOSOFI_MEASURE";"Mesure";"S_SOC_BEN_DI_HOU_BEN";"Part des prestations logement"
        "FILOSOFI_MEASURE";"Mesure";"S_DIR_TAX_DI";"Part des impôts"
        "FILOSOFI_MEASURE";"Mesure";"D1_SL";"1er décile du niveau de vie"
        "FILOSOFI_MEASURE";"Mesure";"D9_SL";"9e décile du niveau de vie"
        "FILOSOFI_MEASURE";"Mesure";"IR_D9_D1_SL";"Rapport interdécile D9/D1 du niveau de vie"
        "FILOSOFI_MEASURE";"Mesure";"GI_SL";"Indice de Gini du niveau de vie"
        "CONF_STATUS";"Statut de confidentialité";"F";"Libre"
        "CONF_STATUS";"Statut de confidentialité";"C";"Confidentiel"
        "OBS_STATUS";"Statut de l'observation";"A";"Valeur normale"
        "OBS_STATUS";"Statut de l'observation";"O";"Valeur manquante"

        """

    /// The dataset as INSEE ships it: both files in one zip archive, the metadata with a BOM.
    static func archive(data: String = data, metadata: String = metadata) -> [UInt8] {
        zipArchive([ZipMember("DS_FILOSOFI_CC_data.csv", data),
                    ZipMember("DS_FILOSOFI_CC_metadata.csv", bytes: [0xEF, 0xBB, 0xBF] + Array(metadata.utf8))])
    }

    /// COG 2025 of these communes, in the COG's layouts (lines of COG 2024, unchanged in
    /// 2025 for them), and the composition of their EPCI.
    static let geography: [(path: String, content: String)] = [
        ("cog/2025/communes.csv", """
            TYPECOM,COM,REG,DEP,CTCD,ARR,TNCC,NCC,NCCENR,LIBELLE,CAN,COMPARENT
            COM,55039,44,55,55D,553,0,BEAUMONT EN VERDUNOIS,Beaumont-en-Verdunois,Beaumont-en-Verdunois,5504,
            COM,59350,32,59,59D,595,0,LILLE,Lille,Lille,5997,
            COM,59512,32,59,59D,595,0,ROUBAIX,Roubaix,Roubaix,5998,
            COM,62001,32,62,62D,627,1,ABLAIN SAINT NAZAIRE,Ablain-Saint-Nazaire,Ablain-Saint-Nazaire,6217,
            COM,62019,32,62,62D,627,1,AIX NOULETTE,Aix-Noulette,Aix-Noulette,6217,
            COM,62498,32,62,62D,627,0,LENS,Lens,Lens,6229,
            COM,62510,32,62,62D,627,0,LIEVIN,Liévin,Liévin,6230,

            """),
        ("cog/2025/mouvements.csv", """
            MOD,DATE_EFF,TYPECOM_AV,COM_AV,TNCC_AV,NCC_AV,NCCENR_AV,LIBELLE_AV,TYPECOM_AP,COM_AP,TNCC_AP,NCC_AP,NCCENR_AP,LIBELLE_AP
            33,2000-02-27,COM,59350,0,LILLE,Lille,Lille,COM,59350,0,LILLE,Lille,Lille
            33,2000-02-27,COM,59355,0,LOMME,Lomme,Lomme,COM,59350,0,LILLE,Lille,Lille
            33,2000-02-27,COM,59355,0,LOMME,Lomme,Lomme,COMA,59355,0,LOMME,Lomme,Lomme
            33,1977-04-24,COM,59298,1,HELLEMMES LILLE,Hellemmes-Lille,Hellemmes-Lille,COM,59350,0,LILLE,Lille,Lille
            33,1977-04-24,COM,59350,0,LILLE,Lille,Lille,COM,59350,0,LILLE,Lille,Lille

            """),
        ("cog/2025/departements.csv", """
            DEP,REG,CHEFLIEU,TNCC,NCC,NCCENR,LIBELLE
            55,44,55029,3,MEUSE,Meuse,Meuse
            59,32,59350,2,NORD,Nord,Nord
            62,32,62041,2,PAS DE CALAIS,Pas-de-Calais,Pas-de-Calais

            """),
        ("cog/2025/regions.csv", """
            REG,CHEFLIEU,TNCC,NCC,NCCENR,LIBELLE
            32,59350,4,HAUTS DE FRANCE,Hauts-de-France,Hauts-de-France
            44,67482,2,GRAND EST,Grand Est,Grand Est

            """),
        ("epci/insee-epci-composition-2025.csv", """
            CODGEO;LIBGEO;EPCI;LIBEPCI;DEP;REG
            59350;Lille;200093201;Métropole Européenne de Lille;59;32
            59512;Roubaix;200093201;Métropole Européenne de Lille;59;32
            62001;Ablain-Saint-Nazaire;246200364;Communauté d'agglomération de Lens - Liévin;62;32
            62019;Aix-Noulette;246200364;Communauté d'agglomération de Lens - Liévin;62;32
            62498;Lens;246200364;Communauté d'agglomération de Lens - Liévin;62;32
            62510;Liévin;246200364;Communauté d'agglomération de Lens - Liévin;62;32

            """),
    ]
}

extension Sandbox {
    /// Writes and ingests `MelodiFixture.geography` (COG 2025 and the EPCI composition).
    func loadMelodiGeography() throws {
        for (path, content) in MelodiFixture.geography {
            try write("geography/" + path, content)
        }
        _ = try ingest([directory.appendingPathComponent("geography").path])
    }
}
