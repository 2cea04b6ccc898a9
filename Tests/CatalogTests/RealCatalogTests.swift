import Foundation
import Testing
import Catalog
import Tabular

/// The project's own definitions (pipelines/sources): they load, and each published
/// header is matched to the right source, the most specific one when several fit.
@Suite("SourceCatalog: the real definitions")
struct RealCatalogTests {
    @Test("every YAML file loads, one definition each, named after its file")
    func loads() throws {
        let catalog = try realCatalog()
        let files = try FileManager.default.contentsOfDirectory(atPath: sourcesDirectory)
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
            .map { ($0 as NSString).deletingPathExtension }
        #expect(!files.isEmpty)
        #expect(catalog.definitions.map(\.id).sorted() == files.sorted())
        #expect(catalog.directory == sourcesDirectory)
    }

    @Test("decoded definitions carry what the YAML says")
    func decodedFields() throws {
        let catalog = try realCatalog()
        let cog2017 = try catalog.definition(id: "cog-communes-2017")
        #expect(cog2017.kind == .referenceTable)
        #expect(cog2017.delimiterByte == UInt8(ascii: "\t"))
        #expect(cog2017.format?.encoding == .windows1252)
        #expect(cog2017.columns?["com"]?.from == ["DEP", "COM"])
        #expect(cog2017.columns?["com"]?.code == .commune)
        #expect(cog2017.columns?["typecom"]?.map?["5"] == "ARM")
        #expect(cog2017.columns?["ncc"]?.from == ["NCC"])  // shorthand `ncc: NCC`
        #expect(cog2017.columns?["libelle"]?.article == "ARTMIN")
        #expect(cog2017.tableKey == ["typecom", "com", "can"])

        let filosofi = try catalog.definition(id: "filosofi-commune-2021")
        #expect(filosofi.kind == .observations)
        #expect(filosofi.vintage == SourceDefinition.VintageRule(fixed: "2021"))
        #expect(filosofi.key?.columns == ["CODGEO"])
        #expect(filosofi.key?.code == .commune)
        #expect(filosofi.delimiterByte == UInt8(ascii: ";"))
        #expect(filosofi.variables?.labels?["MED21"] == "Médiane du niveau de vie (€)")
        // No markers in the YAML: INSEE's defaults apply.
        #expect(filosofi.effectiveMarkers == ["s": .secret, "nd": .missing, "ns": .missing, "so": .notApplicable])

        let dictionary = try catalog.definition(id: "insee-dictionary")
        #expect(dictionary.vintage.fallback == "undated")
        #expect(dictionary.columns?["length"]?.optional == true)
        #expect(dictionary.delimiterByte == UInt8(ascii: ";"))

        let wide = try catalog.definition(id: "insee-commune-wide")
        #expect(wide.variables?.periodFromCode?.count == 2)
        #expect(wide.ignore?.contains("LIBGEO") == true)
    }

    /// Headers exactly as published (see ../shared/data/README.md).
    static let headers: [(header: String, file: String, expected: String)] = [
        ("TYPECOM,COM,REG,DEP,CTCD,ARR,TNCC,NCC,NCCENR,LIBELLE,CAN,COMPARENT", "/d/cog/2024/communes.csv", "cog-communes"),
        ("typecom,com,reg,dep,arr,tncc,ncc,nccenr,libelle,can,comparent", "/d/cog/2019/communes-2019.csv.gz", "cog-communes-2019"),
        ("ACTUAL\tCHEFLIEU\tCDC\tRANG\tREG\tDEP\tCOM\tAR\tCT\tMODIF\tPOLE\tTNCC\tARTMAJ\tNCC\tARTMIN\tNCCENR\tARTICLCT\tNCCCT", "/d/cog/2017/France2017.txt", "cog-communes-2017"),
        ("DEP,REG,CHEFLIEU,TNCC,NCC,NCCENR,LIBELLE", "/d/cog/2024/departements.csv", "cog-departements"),
        ("REG,CHEFLIEU,TNCC,NCC,NCCENR,LIBELLE", "/d/cog/2024/regions.csv", "cog-regions"),
        ("ARR,DEP,REG,CHEFLIEU,TNCC,NCC,NCCENR,LIBELLE", "/d/cog/2024/arrondissements.csv", "cog-arrondissements"),
        ("MOD,DATE_EFF,TYPECOM_AV,COM_AV,TNCC_AV,NCC_AV,NCCENR_AV,LIBELLE_AV,TYPECOM_AP,COM_AP,TNCC_AP,NCC_AP,NCCENR_AP,LIBELLE_AP", "/d/cog/2024/mouvements.csv", "cog-mouvements"),
        ("REG;Région;DEP;CODARR;CODCAN;CODCOM;COM;Commune;PMUN;PCAP;PTOT", "/d/population/populations-legales-2021.csv", "populations-legales"),
        ("REG;DEP;COM;PMUN;PCAP;PTOT", "/d/population/populations-legales-2019.csv", "populations-legales-2019"),
        ("CODGEO;NBMENFISC21;NBPERSMENFISC21;MED21;PIMP21;TP6021;TP60AGE121;TP60AGE221;TP60AGE321;TP60AGE421;TP60AGE521;TP60AGE621;TP60TOL121;TP60TOL221;PACT21;PTSA21;PCHO21;PBEN21;PPEN21;PPAT21;PPSOC21;PPFAM21;PPMINI21;PPLOGT21;PIMPOT21;D121;D921;RD21", "/d/filosofi/cc_filosofi_2021_COM.csv", "filosofi-commune-2021"),
        ("IRIS;DEC_PIMP21;DEC_TP6021;DEC_INCERT21;DEC_Q121;DEC_MED21;DEC_Q321;DEC_EQ21;DEC_D121;DEC_D221;DEC_D321;DEC_D421;DEC_D621;DEC_D721;DEC_D821;DEC_D921;DEC_RD21;DEC_S80S2021;DEC_GI21;DEC_PACT21;DEC_PTSA21;DEC_PCHO21;DEC_PBEN21;DEC_PPEN21;DEC_PAUT21;DEC_NOTE21", "/d/filosofi/BASE_TD_FILO_IRIS_2021_DEC.csv", "filosofi-iris-2021"),
        ("COD_VAR;LIB_VAR;LIB_VAR_LONG;COD_MOD;LIB_MOD;TYPE_VAR;LONG_VAR;THEME;SOURCE", "/d/insee-meta/meta_dossier_complet.csv", "insee-dictionary"),
        ("COD_VAR;LIB_VAR;LIB_VAR_LONG;COD_MOD;LIB_MOD;TYPE_VAR;LONG_VAR", "/d/insee-meta/meta_base-cc-logement-2021.CSV", "insee-dictionary"),
        ("CODGEO;P21_LOG;P21_RP", "/d/base-cc-logement-2021.csv", "insee-commune-wide"),
        ("CODGEO;LIBGEO;P21_POP;C21_ACT1564", "/d/dossier_complet.csv", "insee-commune-wide"),
        // Column names are compared without case.
        ("codgeo;p21_log", "/d/x.csv", "insee-commune-wide"),
        // Filosofi without one of its defining columns is only a generic wide file.
        ("CODGEO;NBMENFISC21;NBPERSMENFISC21;TP6021", "/d/filosofi-partiel.csv", "insee-commune-wide"),
    ]

    @Test("published headers are recognised as their source", arguments: headers)
    func recognises(_ testCase: (header: String, file: String, expected: String)) throws {
        let catalog = try realCatalog()
        let found = try catalog.recognise(header: header(testCase.header), path: testCase.file)
        #expect(found.id == testCase.expected)
    }

    @Test("a header with no known columns is unrecognisedFile, listing the known sources")
    func unrecognised() throws {
        let catalog = try realCatalog()
        // ADEME's DPE export: display labels, nothing INSEE.
        let dpe = ["N°DPE", "Date_réception_DPE", "Date_établissement_DPE", "Modèle_DPE"]
        let error = catalogError { _ = try catalog.recognise(header: dpe, path: "/d/dpe/dpe-sample.csv") }
        #expect(error?.code == .unrecognisedFile)
        #expect(error?.path == "/d/dpe/dpe-sample.csv")
        let message = error?.message ?? ""
        #expect(message.contains("N°DPE"))
        #expect(message.contains("--source"))
        for definition in catalog.definitions {
            #expect(message.contains(definition.id), "\(definition.id) is not listed")
        }
    }

    @Test("a long unrecognised header is shortened in the message")
    func longHeaderShortened() throws {
        let catalog = try realCatalog()
        let columns = (1...20).map { "COLONNE_\($0)" }
        let error = catalogError { _ = try catalog.recognise(header: columns, path: "x.csv") }
        #expect(error?.code == .unrecognisedFile)
        #expect(error?.message.contains("COLONNE_8, …") == true)
        #expect(error?.message.contains("COLONNE_9") == false)
    }

    @Test("an unknown source id is unknownSource, listing the known ones")
    func unknownSource() throws {
        let catalog = try realCatalog()
        let error = catalogError { _ = try catalog.definition(id: "filosofi-epci-2021") }
        #expect(error?.code == .unknownSource)
        #expect(error?.message.contains("filosofi-commune-2021") == true)
        #expect(catalog.knownSources.contains("  cog-communes — "))
    }

    @Test("a file forced to a source must have its defining columns")
    func requireColumns() throws {
        let catalog = try realCatalog()
        let filosofi = try catalog.definition(id: "filosofi-commune-2021")
        try catalog.requireColumns(of: filosofi, header: ["codgeo", "NBMENFISC21", "NBPERSMENFISC21", "MED21", "TP6021", "PIMP21"], path: "f.csv")
        let error = catalogError {
            try catalog.requireColumns(of: filosofi, header: ["CODGEO", "NBMENFISC21", "P21_POP"], path: "f.csv")
        }
        #expect(error?.code == .missingColumn)
        #expect(error?.message.contains("'NBPERSMENFISC21', 'MED21', 'TP6021'") == true)
        #expect(error?.message.contains("filosofi-commune-2021") == true)
    }
}

/// The vintage of a file: given, fixed by the source, read from the path, or the default.
@Suite("SourceCatalog: vintage")
struct VintageTests {
    static let cases: [(source: String, path: String, override: String?, expected: String)] = [
        ("cog-communes", "/x/cog/2024/communes.csv", nil, "2024"),
        ("cog-communes-2019", "communes-2019.csv.gz", nil, "2019"),
        ("cog-communes-2019", "/data/cog/communes-2019.csv.gz", nil, "2019"),
        // The last match wins: the file name is more specific than its folder.
        ("cog-communes", "/archive/2019/cog/communes-2024.csv", nil, "2024"),
        ("cog-communes-2017", "/d/cog/2017/France2017.txt", nil, "2017"),
        // An explicit vintage wins over the path and over a fixed vintage.
        ("cog-communes", "/x/cog/2024/communes.csv", "2023", "2023"),
        ("filosofi-commune-2021", "/x/cc_filosofi_2021_COM.csv", "2020", "2020"),
        // A fixed vintage ignores the path.
        ("filosofi-commune-2021", "/x/2024/cc_filosofi.csv", nil, "2021"),
        // Dictionaries: the year in the name if any, else "undated".
        ("insee-dictionary", "/d/insee-meta/meta_dossier_complet.csv", nil, "undated"),
        ("insee-dictionary", "meta_dossier_complet.csv", nil, "undated"),
        ("insee-dictionary", "/d/meta_base-cc-logement-2021.CSV", nil, "2021"),
    ]

    @Test("vintage(of:path:override:)", arguments: cases)
    func vintage(_ testCase: (source: String, path: String, override: String?, expected: String)) throws {
        let catalog = try realCatalog()
        let definition = try catalog.definition(id: testCase.source)
        #expect(try catalog.vintage(of: definition, path: testCase.path, override: testCase.override) == testCase.expected)
    }

    @Test("no year in the path and no default is unknownVintage, suggesting --vintage")
    func unknownVintage() throws {
        let catalog = try realCatalog()
        let definition = try catalog.definition(id: "cog-communes")
        let error = catalogError { _ = try catalog.vintage(of: definition, path: "/x/cog/communes.csv", override: nil) }
        #expect(error?.code == .unknownVintage)
        #expect(error?.path == "/x/cog/communes.csv")
        #expect(error?.message.contains("--vintage") == true)
    }

    @Test("with a capture group, the group is the vintage")
    func captureGroup() throws {
        let definition = try SourceDefinition.sample(vintage: .init(fromPath: "millesime-([0-9]{4})"))
        let catalog = SourceCatalog(definitions: [definition])
        #expect(try catalog.vintage(of: definition, path: "/d/millesime-2022/f.csv", override: nil) == "2022")
        #expect(try catalog.vintage(of: definition, path: "/d/millesime-2019/millesime-2022/f.csv", override: nil) == "2022")
    }
}

extension SourceDefinition {
    /// A definition built in memory, through the same decoding path as the YAML files.
    static func sample(vintage: VintageRule) throws -> SourceDefinition {
        var definition = try realCatalog().definition(id: "insee-commune-wide")
        definition.id = "sample"
        definition.vintage = vintage
        return definition
    }
}
