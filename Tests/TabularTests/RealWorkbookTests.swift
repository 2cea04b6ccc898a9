import Testing
import Tabular

/// Real DGCL and INSEE workbooks from `../shared/data`, read as published.
@Suite("XLSXReader: real workbooks", .enabled(if: SharedData.isAvailable, "../shared/data is absent"))
struct RealWorkbookTests {
    /// Opens a sheet of a shared workbook and hands each record's fields to `body`.
    @discardableResult
    func scan(_ relative: String, sheet: String?, isHeader: ([String]) -> Bool,
              _ body: (Int, [String]) -> Void) throws -> XLSXReader {
        let reader = try XLSXReader(path: SharedData.path(relative), sheet: sheet, isHeader: isHeader)
        try reader.forEachRecord { body($0.line, $0.strings) }
        return reader
    }

    @Test("DGCL EPCI composition 2024: header in row 1, SIREN numbers without '.0'")
    func dgclEpcicom2024() throws {
        let path = "epci/dgcl-epcicom-2024.xlsx"
        #expect(try XLSXWorkbook(path: SharedData.path(path)).sheetNames == ["Epcicom2024"])
        var count = 0
        var first: [String] = []
        var lens: [String] = []
        var sirens = Set<String>()
        let reader = try scan(path, sheet: nil, isHeader: { $0.contains("siren") }) { _, fields in
            count += 1
            if count == 1 { first = fields }
            if fields[9] == "62498" { lens = fields }
            sirens.insert(fields[1])
        }
        #expect(reader.sheetName == "Epcicom2024")
        #expect(reader.headerRow == 1)
        #expect(reader.header == ["dept", "siren", "raison_sociale", "nature_juridique", "mode_financ", "nb_membres",
                                  "total_pop_tot", "total_pop_mun", "dep_com", "insee", "siren_membre", "nom_membre",
                                  "ptot_2024", "pmun_2024"])
        #expect(count == 34_931)
        #expect(first == ["01", "200029999", "CC Rives de l'Ain - Pays du Cerdon", "CC", "FPU", "14", "14992", "14705",
                          "01", "01304", "210103040", "Pont-d'Ain", "2920", "2871"])
        #expect(lens == ["62", "246200364", "CA de Lens - Liévin", "CA", "FPU", "36", "244525", "242587",
                         "62", "62498", "216204982", "Lens", "32820", "32618"])
        #expect(sirens.allSatisfy { $0.count == 9 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) })
    }

    @Test("INSEE EPCI 2024: header in row 6 under a row of labels, in two sheets")
    func inseeEpci2024() throws {
        let path = "epci/insee-EPCI_au_01-01-2024.xlsx"
        var communes = 0
        var first: (line: Int, fields: [String])?
        let composition = try scan(path, sheet: "Composition_communale", isHeader: { $0.contains("CODGEO") && $0.contains("EPCI") }) { line, fields in
            communes += 1
            if first == nil { first = (line, fields) }
        }
        #expect(composition.headerRow == 6)
        #expect(composition.header == ["CODGEO", "LIBGEO", "EPCI", "LIBEPCI", "DEP", "REG"])
        #expect(first?.line == 7)
        #expect(first?.fields == ["01001", "L'Abergement-Clémenciat", "200069193", "Communauté de communes de la Dombes", "01", "84"])
        #expect(communes == 34_935)

        var epcis: [[String]] = []
        let list = try scan(path, sheet: "EPCI", isHeader: { $0.starts(with: ["EPCI", "LIBEPCI"]) }) { epcis.append($1) }
        #expect(list.header == ["EPCI", "LIBEPCI", "NATURE_EPCI", "NB_COM"])
        #expect(list.headerRow == 6)
        #expect(epcis.count == 1_256)
        #expect(epcis.first == ["200000172", "Communauté de communes Faucigny-Glières", "CC", "7"])
    }

    @Test("Populations légales 2022, sheet Communes: inline strings only, header in row 8, '4.0' read as '4'")
    func populationsLegales2022() throws {
        var count = 0
        var first: (line: Int, fields: [String])?
        var lens: [String] = []
        var widths = Set<Int>()
        var decimals = 0
        let reader = try scan("population/populations-legales-2022-ensemble.xlsx", sheet: "Communes",
                              isHeader: { $0.contains("Code commune") }) { line, fields in
            count += 1
            if first == nil { first = (line, fields) }
            if fields[2] == "62" && fields[5] == "498" { lens = fields }
            widths.insert(fields.count)
            decimals += fields[7...].filter { $0.contains(".") }.count
        }
        #expect(reader.headerRow == 8)
        #expect(reader.header == ["Code région", "Nom de la région", "Code département", "Code arrondissement", "Code canton",
                                  "Code commune", "Nom de la commune", "Population municipale", "Population comptée à part",
                                  "Population totale"])
        #expect(reader.encodingDescription == "xlsx sheet Communes")
        #expect(count == 34_964)
        #expect(first?.line == 9)
        #expect(first?.fields == ["84", "Auvergne-Rhône-Alpes", "01", "2", "08", "001", "L' Abergement-Clémenciat", "859", "16", "875"])
        #expect(lens == ["32", "Hauts-de-France", "62", "7", "29", "498", "Lens", "32697", "202", "32899"])
        #expect(widths == [10])
        #expect(decimals == 0)
    }

    @Test("INSEE intercommunalités 2021, sheet Composition_communale")
    func inseeIntercommunalite2021() throws {
        var count = 0
        var first: [String] = []
        let reader = try scan("epci/insee-Intercommunalite-Metropole_au_01-01-2021.xlsx", sheet: "Composition_communale",
                              isHeader: { $0.contains("CODGEO") }) { _, fields in
            count += 1
            if count == 1 { first = fields }
        }
        #expect(reader.headerRow == 6)
        #expect(reader.header == ["CODGEO", "LIBGEO", "EPCI", "LIBEPCI", "DEP", "REG"])
        #expect(count == 34_965)
        #expect(first == ["01001", "L'Abergement-Clémenciat", "200069193", "CC de la Dombes", "01", "84"])
    }
}
