import Catalog
import Foundation
import Testing

/// Loading definitions from a folder of YAML files written for each test: what is read,
/// what is refused (always naming the file), and how recognition ranks candidates.
@Suite("SourceCatalog: loading definitions")
struct CatalogLoadingTests {
    @Test("*.yaml and *.yml files are loaded in name order; other files are ignored")
    func loadsYAMLOnly() throws {
        let loaded = try catalog([
            "b.yaml": observations(id: "beta", columns: ["CODGEO", "B"]),
            "a.yml": observations(id: "alpha", columns: ["CODGEO", "A"]),
            "README.md": "# not a definition: [",
            "notes.txt": "id: ignored",
        ])
        #expect(loaded.definitions.map(\.id) == ["alpha", "beta"])
    }

    @Test("a YAML syntax error is invalidDefinition naming the file")
    func invalidYAML() throws {
        try withDefinitions([
            "good.yaml": observations(id: "good", columns: ["CODGEO", "A"]),
            "broken.yaml": "id: broken\nlabel: [unclosed\nkind: observations\n",
        ]) { directory in
            let error = catalogError { _ = try SourceCatalog(directory: directory.path) }
            #expect(error?.code == .invalidDefinition)
            #expect(error?.path == directory.appendingPathComponent("broken.yaml").path)
            #expect(error?.description.contains("broken.yaml") == true)
        }
    }

    @Test("YAML that does not describe a definition is invalidDefinition naming the file", arguments: [
        "just a string\n",
        "id: nolabel\nkind: observations\nvintage: \"2021\"\nrecognise: { columns: [A] }\n",  // label missing
        "id: x\nlabel: X\nkind: spreadsheet\nvintage: \"2021\"\nrecognise: { columns: [A] }\n",  // unknown kind
        "id: x\nlabel: X\nkind: observations\nvintage: \"2021\"\nrecognise: { columns: [A] }\nkey: { column: A, code: canton }\nvariables: {}\n",  // unknown code kind
        "id: x\nlabel: X\nkind: observations\nvintage: { default: undated }\nrecognise: { columns: [A] }\nkey: { column: A, code: commune }\nvariables: {}\n",  // vintage without from_path
        "id: x\nlabel: X\nkind: observations\nvintage: \"2021\"\nformat: { encoding: latin-9 }\nrecognise: { columns: [A] }\nkey: { column: A, code: commune }\nvariables: {}\n",
        "id: x\nlabel: X\nkind: observations\nvintage: \"2021\"\nrecognise: { columns: [A] }\nkey: { column: A, code: commune }\nvariables: {}\nmarkers: { s: hidden }\n",
    ])
    func undecodable(text: String) throws {
        try withDefinitions(["source.yaml": text]) { directory in
            let error = catalogError { _ = try SourceCatalog(directory: directory.path) }
            #expect(error?.code == .invalidDefinition)
            #expect(error?.path?.hasSuffix("source.yaml") == true)
        }
    }

    @Test("the same id in two files is refused, naming the second file and the id")
    func duplicateIds() throws {
        try withDefinitions([
            "a.yaml": observations(id: "twice", columns: ["CODGEO", "A"]),
            "b.yaml": observations(id: "twice", columns: ["CODGEO", "B"]),
        ]) { directory in
            let error = catalogError { _ = try SourceCatalog(directory: directory.path) }
            #expect(error?.code == .invalidDefinition)
            #expect(error?.path?.hasSuffix("b.yaml") == true)
            #expect(error?.message.contains("'twice'") == true)
            #expect(error?.message.contains("twice") == true)
        }
    }

    @Test("a folder without definitions is refused")
    func emptyFolder() throws {
        try withDefinitions(["README.md": "nothing here"]) { directory in
            let error = catalogError { _ = try SourceCatalog(directory: directory.path) }
            #expect(error?.code == .invalidDefinition)
            #expect(error?.path == directory.path)
            #expect(error?.message.contains("--pipelines") == true)
        }
    }

    @Test("a folder that does not exist is refused")
    func missingFolder() {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("absent-\(UUID().uuidString)").path
        let error = catalogError { _ = try SourceCatalog(directory: path) }
        #expect(error?.code == .invalidDefinition)
        #expect(error?.path == path)
    }

    /// Definitions that decode but break a rule, and a word the message must contain.
    static let ruleBreakers: [(text: String, says: String)] = [
        (observations(id: "Filosofi", columns: ["CODGEO", "A"]), "lower-case"),
        (observations(id: "avec espace", columns: ["CODGEO", "A"]), "lower-case"),
        ("id: x\nlabel: X\nkind: observations\nvintage: \"2021\"\nrecognise: { columns: [] }\nkey: { column: A, code: commune }\nvariables: {}\n", "at least one column"),
        ("id: x\nlabel: X\nkind: observations\nvintage: \"2021\"\nformat: { delimiter: \"|\" }\nrecognise: { columns: [A] }\nkey: { column: A, code: commune }\nvariables: {}\n", "'|'"),
        (observations(id: "x", columns: ["CODGEO", "A"], vintage: "{ from_path: '([0-9' }"), "([0-9"),
        (observations(id: "x", columns: ["CODGEO", "A"], fileName: "*.csv"), "*.csv"),
        ("id: x\nlabel: X\nkind: observations\nvintage: \"2021\"\nrecognise: { columns: [A] }\nkey: { column: A, code: commune }\nvariables: { period_from_code: ['^P([0-9]{2}_'] }\n", "^P([0-9]{2}_"),
        ("id: x\nlabel: X\nkind: observations\nvintage: \"2021\"\nrecognise: { columns: [A] }\nvariables: {}\n", "key"),
        ("id: x\nlabel: X\nkind: observations\nvintage: \"2021\"\nrecognise: { columns: [A] }\nkey: { column: A, code: commune }\n", "variables"),
        ("id: x\nlabel: X\nkind: reference-table\nvintage: \"2021\"\nrecognise: { columns: [A] }\ncolumns: { a: A }\n", "table:"),
        ("id: x\nlabel: X\nkind: reference-table\nvintage: \"2021\"\nrecognise: { columns: [A] }\ntable: t\ncolumns: {}\n", "columns:"),
        ("id: x\nlabel: X\nkind: reference-table\nvintage: \"2021\"\nrecognise: { columns: [A] }\ntable: t\ntable_key: [b]\ncolumns: { a: A }\n", "'b'"),
        (observations(id: "x", columns: ["CODGEO", "A"]) + "downloads: [{ url: 'ftp://insee.fr/a.csv', to: a.csv }]\n", "not an http(s) address"),
        (observations(id: "x", columns: ["CODGEO", "A"]) + "downloads: [{ url: 'https://insee.fr/a.csv', to: ../a.csv }]\n", "inside the raw folder"),
        (observations(id: "x", columns: ["CODGEO", "A"]) + "downloads: [{ url: 'https://insee.fr/a.csv', to: a.csv, sha256: ABC }]\n", "hexadecimal"),
    ]

    @Test("definitions breaking a rule are refused with a message saying which", arguments: ruleBreakers)
    func rules(_ testCase: (text: String, says: String)) throws {
        try expectRefused(testCase.text, saying: testCase.says)
    }

    @Test("a reference table with its optional fields decodes as written")
    func referenceTableDecoding() throws {
        let loaded = try catalog(["t.yaml": """
            id: test-table
            label: "Table de test"
            kind: reference-table
            vintage: { from_path: 'v([0-9]{4})', default: "0000" }
            format: { delimiter: tab, encoding: windows-1252 }
            recognise: { columns: [DEP, COM, NOM], file_name: '^France' }
            table: t
            table_key: [com]
            columns:
              com: { from: [DEP, COM], code: commune, required: true }
              nom: NOM
              kind: { from: NOM, map: { "1": COM } }
              pop: { from: POP, type: integer, optional: true }
            markers: { "(s)": secret }
            empty: not-applicable
            """])
        let definition = try #require(loaded.definitions.first)
        #expect(definition.vintage == .init(fromPath: "v([0-9]{4})", fallback: "0000"))
        #expect(definition.delimiterByte == UInt8(ascii: "\t"))
        #expect(definition.format?.encoding == .windows1252)
        #expect(definition.recognise.fileName == "^France")
        #expect(definition.columns?["com"]?.from == ["DEP", "COM"])
        #expect(definition.columns?["com"]?.required == true)
        #expect(definition.columns?["nom"]?.from == ["NOM"])
        #expect(definition.columns?["kind"]?.map == ["1": "COM"])
        #expect(definition.columns?["pop"]?.type == .integer)
        #expect(definition.columns?["pop"]?.optional == true)
        #expect(definition.effectiveMarkers == ["(s)": .secret])
        #expect(definition.empty == .notApplicable)
    }

    @Test("delimiters are written ';', ',', a tab, or the word tab", arguments: [
        ("\";\"", UInt8(ascii: ";")),
        ("\",\"", UInt8(ascii: ",")),
        ("\"\\t\"", UInt8(ascii: "\t")),
        ("tab", UInt8(ascii: "\t")),
    ])
    func delimiters(written: String, expected: UInt8) throws {
        let loaded = try catalog(["d.yaml": """
            id: d
            label: D
            kind: observations
            vintage: "2021"
            format: { delimiter: \(written) }
            recognise: { columns: [CODGEO] }
            key: { column: CODGEO, code: commune }
            variables: {}
            """])
        #expect(loaded.definitions.first?.delimiterByte == expected)
    }
}

/// Ranking candidates: every required column must be there, more columns beat fewer, a
/// matching file name breaks a tie, and a remaining tie is an error rather than a guess.
@Suite("SourceCatalog: recognition rules")
struct RecognitionRuleTests {
    @Test("two definitions matching equally are ambiguousFile, naming both")
    func ambiguous() throws {
        let loaded = try catalog([
            "a.yaml": observations(id: "first", columns: ["CODGEO", "P21_POP"]),
            "b.yaml": observations(id: "second", columns: ["CODGEO", "P21_LOG"]),
        ])
        let error = catalogError {
            _ = try loaded.recognise(header: ["CODGEO", "P21_POP", "P21_LOG"], path: "/d/base.csv")
        }
        #expect(error?.code == .ambiguousFile)
        #expect(error?.path == "/d/base.csv")
        #expect(error?.message.contains("first") == true)
        #expect(error?.message.contains("second") == true)
        #expect(error?.message.contains("--source") == true)
    }

    @Test("the definition requiring more of the header's columns wins")
    func mostSpecificWins() throws {
        let loaded = try catalog([
            "a.yaml": observations(id: "generic", columns: ["CODGEO"]),
            "b.yaml": observations(id: "specific", columns: ["CODGEO", "MED21"]),
        ])
        #expect(try loaded.recognise(header: ["CODGEO", "MED21", "X"], path: "f.csv").id == "specific")
        #expect(try loaded.recognise(header: ["CODGEO", "X"], path: "f.csv").id == "generic")
    }

    @Test("a missing required column rules a definition out")
    func allColumnsRequired() throws {
        let loaded = try catalog(["a.yaml": observations(id: "needs-two", columns: ["CODGEO", "MED21"])])
        let error = catalogError { _ = try loaded.recognise(header: ["CODGEO", "MED20"], path: "f.csv") }
        #expect(error?.code == .unrecognisedFile)
        #expect(error?.message.contains("needs-two") == true)
    }

    @Test("a matching file name breaks a tie; a file name that does not match rules out")
    func fileName() throws {
        let loaded = try catalog([
            "a.yaml": observations(id: "any-name", columns: ["CODGEO", "A"]),
            "b.yaml": observations(id: "named", columns: ["CODGEO", "A"], fileName: "^base-cc-.*\\.csv$"),
        ])
        #expect(try loaded.recognise(header: ["CODGEO", "A"], path: "/d/2021/base-cc-logement.csv").id == "named")
        #expect(try loaded.recognise(header: ["CODGEO", "A"], path: "/d/base-cc/other.csv").id == "any-name")

        let alone = try catalog(["b.yaml": observations(id: "named", columns: ["CODGEO", "A"], fileName: "^base-cc-")])
        let error = catalogError { _ = try alone.recognise(header: ["CODGEO", "A"], path: "/d/base-cc-x/other.csv") }
        #expect(error?.code == .unrecognisedFile)
    }

    @Test("an extra column outweighs a file name")
    func columnsOutweighFileName() throws {
        let loaded = try catalog([
            "a.yaml": observations(id: "two-columns", columns: ["CODGEO", "A"]),
            "b.yaml": observations(id: "one-column-named", columns: ["CODGEO"], fileName: "base"),
        ])
        #expect(try loaded.recognise(header: ["CODGEO", "A"], path: "base.csv").id == "two-columns")
    }

    @Test("columns are compared without case on both sides")
    func caseInsensitive() throws {
        let loaded = try catalog(["a.yaml": observations(id: "mixed", columns: ["CodGeo", "med21"])])
        #expect(try loaded.recognise(header: ["codgeo", "MED21"], path: "f.csv").id == "mixed")
    }
}
