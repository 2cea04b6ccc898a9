import Export
import Foundation
import Ingest
import Tabular
import TestSupport
import Testing

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
        try Exporter(warehouse: sandbox.warehouse).export(request, format: format, to: path)
        return path
    }

    @Test func longCSVHasOneRowPerValueAndItsSources() throws {
        let sandbox = try computed()
        let request = ExportRequest(indicators: ["part_moins_15_ans", "taux_chomage_15_64"], level: .commune, within: "DEP:62", geography: 2024)
        let path = try export(sandbox, request, .csv, "long.csv")
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines[0] == "territory_code,territory_level,territory_name,indicator,label,period,value,unit,status,coverage,estimate,method,flags")
        #expect(lines.count == 1 + 4 + 1)
        #expect(lines[1].hasPrefix("62001,COM,Alpha,part_moins_15_ans,Part des moins de 15 ans,2021,20,%,ok,,0,commune components"))
        #expect(lines.last?.hasPrefix("\"Sources : INSEE : fichier communal large") == true)
        #expect(lines.last?.hasSuffix("base-cc-2021.csv\"") == true)
    }

    @Test func secretValuesAreWordsNeverNumbers() throws {
        let sandbox = try computed()
        let request = ExportRequest(indicators: ["part_moins_15_ans"], level: .commune, within: "FR", geography: 2024, wide: true, excel: true)
        let path = try export(sandbox, request, .csv, "wide.csv")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines[0] == "territory_code;territory_level;territory_name;part_moins_15_ans 2021 (%)")
        #expect(lines.contains("59001;COM;Sainte-Marie;secret"))
        #expect(lines.contains("62003;COM;Sainte-Marie;10"))
        #expect(lines.contains("75056;COM;Paris;15"))
    }

    @Test func workbookReadsBackWithNumbersAsNumbers() throws {
        let sandbox = try computed()
        let request = ExportRequest(indicators: ["taux_chomage_15_64"], level: .departement, within: "FR", geography: 2024, wide: true)
        let path = try export(sandbox, request, .xlsx, "departements.xlsx")
        let reader = try XLSXReader(path: path, sheet: "Indicateurs") { $0.first == "territory_code" }
        #expect(reader.header == ["territory_code", "territory_level", "territory_name", "taux_chomage_15_64 2021 (%)"])
        var rows: [[String]] = []
        try reader.forEachRecord { rows.append($0.strings) }
        #expect(rows.map { $0[0] } == ["59", "75", "62"])
        #expect(rows.first { $0[0] == "62" }?[3].hasPrefix("16.66666") == true)
        #expect(rows.first { $0[0] == "59" }?[3] == "5")
    }

    @Test func jsonCarriesRequestSourcesAndTypedValues() throws {
        let sandbox = try computed()
        let request = ExportRequest(indicators: ["population_recensement"], level: .region, within: "FR", geography: 2024)
        let path = try export(sandbox, request, .json, "regions.json")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        #expect(document["geography"] as? Int == 2024)
        #expect((document["sources"] as? [String])?.count == 1)
        let rows = try #require(document["rows"] as? [[String: Any]])
        #expect(rows.count == 2)
        #expect(rows.first { $0["territory_code"] as? String == "32" }?["value"] as? Double == 1800)
        #expect(rows.first?["estimate"] as? Bool == false)
    }

    @Test func unknownIndicatorIsRefusedAndNoFileIsLeft() throws {
        let sandbox = try computed()
        let request = ExportRequest(indicators: ["taux_de_rien"], level: .commune, within: "FR", geography: 2024)
        let path = sandbox.directory.appendingPathComponent("nothing.csv").path
        #expect(throws: ExportError.self) { try Exporter(warehouse: sandbox.warehouse).export(request, format: .csv, to: path) }
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
            assert rows[0][0] == 'territory_code' and len(rows) == 1 + 8 + 1, rows
            with open(sys.argv[2], newline='', encoding='utf-8-sig') as file:
                excel = list(csv.reader(file, delimiter=';'))
            assert excel[0][0] == 'territory_code' and excel[1][6] == '20', excel[1]
            book = openpyxl.load_workbook(sys.argv[3])
            sheet = book['Indicateurs']
            assert sheet.max_row == 9 and isinstance(sheet['G2'].value, (int, float)), sheet['G2'].value
            assert book['Sources']['A1'].value == 'Géographie : COG 2024'
            print('ok')
            """
        let result = try Python.run(["-W", "error", "-c", script, csv, excel, xlsx])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.trimmingCharacters(in: .whitespacesAndNewlines) == "ok")
    }
}
