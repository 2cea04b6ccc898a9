import Core
import Export
import Foundation
import Ingest
import Output
import Tabular
import Testing
import TestSupport

/// Exports of the fixture geography's indicators, read back by our own readers and, when
/// Debian's Python with openpyxl is there, by Python's csv and openpyxl with warnings as errors.
struct ExportTests {
    static let base = """
        CODGEO;P21_POP;P21_POP0014;P21_POP1564;P21_ACT1564;P21_CHOM1564
        62001;1000;200;600;400;60
        62003;500;50;300;200;40
        59001;300;s;180;120;6
        75056;2000;300;1400;1000;100

        """

    private func computed() throws -> Sandbox {
        let sandbox = try Sandbox()
        try sandbox.loadFixtureGeography()
        let path = try sandbox.write("base-cc-2021.csv", Self.base)
        _ = try sandbox.ingest(path, IngestOptions(geographyOfInput: 2024))
        try sandbox.normalise(2024)
        try sandbox.compute()
        return sandbox
    }

    private func export(_ sandbox: Sandbox, _ request: ExportRequest, _ format: ExportRequest.Format, _ name: String) throws -> String {
        let path = sandbox.directory.appendingPathComponent(name).path
        try Exporter(warehouse: sandbox.warehouse, logger: .quiet).export(request, format: format, to: path)
        return path
    }

    @Test func longCSVHasOneRowPerValueAndItsSourcesBesideIt() throws {
        let sandbox = try computed()
        let request = ExportRequest(indicators: ["part_moins_15_ans", "taux_chomage_15_64"], level: .commune, within: "DEP:62", geography: 2024)
        let path = try export(sandbox, request, .csv, "long.csv")
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines[0] == "territory_code,territory_level,territory_name,indicator,label,period,period_start,value,unit,status,coverage,communes,communes_expected,estimate,estimated_share,method,flags")
        #expect(lines.count == 1 + 4, "nothing after the rows")
        #expect(lines[1].hasPrefix("62001,COM,Alpha,part_moins_15_ans,Part des moins de 15 ans,2021,,20,%,ok,,,,0,,commune components"))
        let metadata = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: sandbox.directory.appendingPathComponent("long.metadata.json").path))) as? [String: Any])
        let sources = try #require(metadata["sources"] as? [String])
        #expect(sources.count == 1 && sources[0].hasPrefix("INSEE : fichier communal large") && sources[0].hasSuffix("base-cc-2021.csv"))
        let columns = try #require(metadata["columns"] as? [[String: String]])
        #expect(columns.first == ["id": "territory_code", "label": "Code du territoire"])
    }

    @Test func secretValuesAreStatusesInTheirOwnColumnNeverInANumberCell() throws {
        let sandbox = try computed()
        let request = ExportRequest(indicators: ["part_moins_15_ans"], level: .commune, within: "FR", geography: 2024, wide: true, excel: true)
        let path = try export(sandbox, request, .csv, "wide.csv")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines[0] == "Code du territoire;Niveau;Territoire;Part des moins de 15 ans 2021 (%);Statut : Part des moins de 15 ans 2021")
        // A code as a formula giving its text (`="59001"`), quoted as every field holding quotes.
        #expect(lines.contains(#""=""59001""";COM;Sainte-Marie;;secret statistique"#))
        #expect(lines.contains(#""=""62003""";COM;Sainte-Marie;10;ok"#))
        #expect(lines.contains(#""=""75056""";COM;Paris;15;ok"#))
    }

    @Test func workbookReadsBackWithNumbersAsNumbers() throws {
        let sandbox = try computed()
        let request = ExportRequest(indicators: ["taux_chomage_15_64"], level: .departement, within: "FR", geography: 2024, wide: true)
        let path = try export(sandbox, request, .xlsx, "departements.xlsx")
        let reader = try XLSXReader(path: path, sheet: "Indicateurs") { $0.first == "Code du territoire" }
        #expect(reader.header == ["Code du territoire", "Niveau", "Territoire", "Taux de chômage des 15-64 ans (recensement) 2021 (%)",
                                  "Statut : Taux de chômage des 15-64 ans (recensement) 2021"])
        var rows: [[String]] = []
        try reader.forEachRecord { rows.append($0.strings) }
        #expect(rows.map { $0[0] } == ["59", "75", "62"])
        #expect(rows.first { $0[0] == "62" }?[3].hasPrefix("16.66666") == true)
        #expect(rows.first { $0[0] == "59" }?[3] == "5")
    }

    @Test func anIndicatorWithoutValueAtTheLevelSaysWhyAndIsNotCountedAsWritten() throws {
        let sandbox = try computed()
        let request = ExportRequest(indicators: ["taux_chomage_15_64", "niveau_vie_median"], level: .departement, within: "FR", geography: 2024)
        let path = try export(sandbox, request, .csv, "missing.csv")
        let table = try ExportTable(request: request, warehouse: sandbox.warehouse)
        #expect(table.writtenIndicators == ["taux_chomage_15_64"])
        #expect(table.missing.map(\.indicator) == ["niveau_vie_median"])
        #expect(table.missing[0].reason.hasPrefix("aucune valeur calculée : les variables de sa formule (MED{yy} as published) ne sont pas chargées"))
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        let notComputed = lines.filter { $0.contains(",niveau_vie_median,") }
        #expect(notComputed.count == 3, "one row per département asked for")
        #expect(notComputed.allSatisfy { $0.contains(",not-computed,") && $0.contains("aucune valeur calculée") })
        // Wide: a column giving the reason.
        let wide = ExportRequest(indicators: request.indicators, level: .departement, within: "FR", geography: 2024, wide: true)
        let header = try String(contentsOfFile: try export(sandbox, wide, .csv, "missing-wide.csv"), encoding: .utf8).split(separator: "\n")[0]
        #expect(header.hasSuffix(",taux_chomage_15_64 2021,taux_chomage_15_64 2021 status,niveau_vie_median"))
    }

    @Test func jsonCarriesRequestSourcesAndTypedValues() throws {
        let sandbox = try computed()
        let request = ExportRequest(indicators: ["population_recensement"], level: .region, within: "FR", geography: 2024)
        let path = try export(sandbox, request, .json, "regions.json")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        #expect(document["geography"] as? Int == 2024)
        #expect((document["sources"] as? [String])?.count == 1)
        #expect((document["not_computed"] as? [Any])?.isEmpty == true)
        let rows = try #require(document["rows"] as? [[String: Any]])
        #expect(rows.count == 2)
        #expect(rows.first { $0["territory_code"] as? String == "32" }?["value"] as? Double == 1800)
        #expect(rows.first?["estimate"] as? Bool == false)
    }

    /// Without contours in the warehouse every territory is still written, with an empty
    /// geometry, and the table says which: nothing asked for is dropped.
    @Test func aGISExportKeepsTheTerritoriesWithoutContour() throws {
        let sandbox = try computed()
        let request = ExportRequest(indicators: ["taux_chomage_15_64"], level: .commune, within: "DEP:62", geography: 2024)
        let path = sandbox.directory.appendingPathComponent("dep62.geojson").path
        let table = try Exporter(warehouse: sandbox.warehouse, logger: .quiet).export(request, format: .geojson, to: path)
        #expect(table.withoutContour == ["COM:62001", "COM:62003"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        let features = try #require(document["features"] as? [[String: Any]])
        #expect(features.count == 2)
        #expect(features.allSatisfy { $0["geometry"] is NSNull })
        let alpha = try #require(features.first { ($0["properties"] as? [String: Any])?["code"] as? String == "62001" }?["properties"] as? [String: Any])
        #expect(alpha["taux_chomage_15_64_2021"] as? Double == 15)
        #expect(alpha["taux_chomage_15_64_2021_statut"] as? String == "ok")
    }

    @Test func unknownIndicatorIsRefusedAndNoFileIsLeft() throws {
        let sandbox = try computed()
        let request = ExportRequest(indicators: ["taux_de_rien"], level: .commune, within: "FR", geography: 2024)
        let path = sandbox.directory.appendingPathComponent("nothing.csv").path
        #expect(throws: ObservatoireError.self) { try Exporter(warehouse: sandbox.warehouse, logger: .quiet).export(request, format: .csv, to: path) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test("Python's csv and openpyxl open the exports without any warning",
          .enabled(if: Python.hasOpenpyxl, "Debian's python3-openpyxl is not installed (scripts/setup-debian installs it)"))
    func pythonOpensTheExports() throws {
        let sandbox = try computed()
        let request = ExportRequest(indicators: ["part_moins_15_ans", "taux_chomage_15_64"], level: .commune, within: "FR", geography: 2024)
        let csv = try export(sandbox, request, .csv, "check.csv")
        let excel = try export(sandbox, ExportRequest(indicators: request.indicators, level: .commune, within: "FR", geography: 2024, excel: true), .csv, "check-excel.csv")
        let xlsx = try export(sandbox, request, .xlsx, "check.xlsx")
        let script = """
            import csv, sys, openpyxl
            with open(sys.argv[1], newline='', encoding='utf-8') as file:
                rows = list(csv.reader(file))
            assert rows[0][0] == 'territory_code' and len(rows) == 1 + 8, rows
            with open(sys.argv[2], newline='', encoding='utf-8-sig') as file:
                excel = list(csv.reader(file, delimiter=';'))
            assert excel[0][0] == 'Code du territoire' and excel[1][7] == '20', excel[1]
            book = openpyxl.load_workbook(sys.argv[3])
            sheet = book['Indicateurs']
            assert sheet.max_row == 9 and isinstance(sheet['H2'].value, (int, float)), sheet['H2'].value
            assert book['Métadonnées']['A1'].value == 'Géographie : COG 2024'
            print('ok')
            """
        let result = try Python.run(["-W", "error", "-c", script, csv, excel, xlsx])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.trimmingCharacters(in: .whitespacesAndNewlines) == "ok")
    }

    /// What an official opens: French headers, numbers formatted by unit and decimals
    /// (thousands separated, `%` and `€` after them), statuses in French in their own
    /// column, periods as numbers, each column's id in the sheet Métadonnées.
    @Test(.enabled(if: Python.hasOpenpyxl, "Debian's python3-openpyxl is not installed (scripts/setup-debian installs it)"))
    func workbookCarriesNumberFormatsFrenchHeadersAndTheIds() throws {
        let sandbox = try computed()
        let request = ExportRequest(indicators: ["population_recensement", "taux_chomage_15_64"], level: .commune, within: "FR", geography: 2024)
        let xlsx = try export(sandbox, request, .xlsx, "formats.xlsx")
        let script = """
            import sys, openpyxl
            book = openpyxl.load_workbook(sys.argv[1])
            sheet = book['Indicateurs']
            header = [cell.value for cell in sheet[1]]
            assert header[:10] == ['Code du territoire', 'Niveau', 'Territoire', 'Indicateur', 'Libellé', 'Période',
                                   'Début de période', 'Valeur', 'Unité', 'Statut'], header
            formats = {}
            for row in sheet.iter_rows(min_row=2):
                cells = {header[i]: cell for i, cell in enumerate(row)}
                indicator, value, status = cells['Indicateur'].value, cells['Valeur'], cells['Statut'].value
                assert isinstance(cells['Période'].value, int), cells['Période'].value
                assert status in ('ok', 'secret statistique', 'non disponible', 'sans objet', 'effectif trop faible'), status
                if value.value is None:
                    assert status != 'ok', (indicator, status)
                    continue
                assert isinstance(value.value, (int, float)), value.value
                formats[indicator] = value.number_format
            assert formats == {'population_recensement': '#,##0', 'taux_chomage_15_64': '#,##0.0" %"'}, formats
            ids = [line.value for line in book['Métadonnées']['A'] if line.value]
            assert 'Valeur : value' in ids and 'Statut : status' in ids, ids
            print('ok')
            """
        let result = try Python.run(["-W", "error", "-c", script, xlsx])
        #expect(result.status == 0, "\(result.output)")
    }

    /// French Excel CSV opened by a real spreadsheet: LibreOffice, as Debian ships it,
    /// converts it to a workbook, read back with openpyxl. Codes of digits stay text with
    /// their leading zero (01001, not 1001), decimal commas become numbers.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/soffice") && Python.hasOpenpyxl,
                   "LibreOffice (libreoffice-calc-nogui) or python3-openpyxl is absent; scripts/setup-debian installs them"))
    func frenchExcelCSVKeepsCodesThroughLibreOffice() throws {
        let sandbox = try computed()
        let request = ExportRequest(indicators: ["part_moins_15_ans"], level: .commune, within: "FR", geography: 2024, excel: true)
        let path = try export(sandbox, request, .csv, "communes.csv")
        // Codes the fixture lacks, written the same way: Ain's first commune and Corsica's.
        let codes = CSVDocument(excel: true).data(header: ["Code", "Valeur"], rows: [[.code("01001"), .number(12.5)], [.code("2A004"), .number(3)]])
        let extra = sandbox.directory.appendingPathComponent("codes.csv")
        try codes.write(to: extra)
        let converted = sandbox.directory.appendingPathComponent("converted")
        let profile = sandbox.directory.appendingPathComponent("lo-profile")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/soffice")
        // `;`, `"`, UTF-8 (76), from line 1, standard column types, French (1036): what the
        // import dialog proposes for this file.
        process.arguments = ["-env:UserInstallation=file://\(profile.path)", "--headless", "--infilter=CSV:59,34,76,1,,1036",
                             "--convert-to", "xlsx", "--outdir", converted.path, path, extra.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let script = """
            import sys, openpyxl
            sheet = openpyxl.load_workbook(sys.argv[1], data_only=True).active
            rows = list(sheet.iter_rows(values_only=True))
            assert rows[0][0] == 'Code du territoire', rows[0]
            codes = sorted(row[0] for row in rows[1:])
            assert codes == ['59001', '62001', '62003', '75056'], codes
            values = {row[0]: row[7] for row in rows[1:]}
            assert values['62001'] == 20 and values['59001'] is None, values
            extra = list(openpyxl.load_workbook(sys.argv[2], data_only=True).active.iter_rows(values_only=True))
            assert extra[1] == ('01001', 12.5) and extra[2] == ('2A004', 3), extra
            print('ok')
            """
        let result = try Python.run(["-c", script, converted.appendingPathComponent("communes.xlsx").path,
                                     converted.appendingPathComponent("codes.xlsx").path])
        #expect(result.status == 0, "\(result.output)")
    }
}
