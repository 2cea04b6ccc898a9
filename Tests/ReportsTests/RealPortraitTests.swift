import Foundation
import Reports
import Territories
import TestSupport
import Testing

/// Filosofi 2021 and the populations légales 2021 on COG 2024, with INSEE's EPCI
/// composition and the Bassin minier zones, normalised and computed once for the suite.
enum RealPortraitWarehouse {
    static let shared: Result<Sandbox, any Error> = Result {
        let sandbox = try Sandbox()
        let files = ["cog/2024", "filosofi/cc_filosofi_2021_COM.csv", "population/populations-legales-2021.csv",
                     "epci/insee-EPCI_au_01-01-2024.xlsx"]
        _ = try sandbox.ingest(files.map(SharedData.path))
        try sandbox.normalise(2024, zonesDirectory: packageRoot.appendingPathComponent("pipelines/zones").path)
        try sandbox.compute()
        return sandbox
    }
}

@Suite("portraits on the real Filosofi 2021", .enabled(if: SharedData.isAvailable, "../shared/data is absent"), .serialized)
struct RealPortraitTests {
    static let lensLievin = "EPCI:246200364"

    private func make(_ id: String) throws -> (Sandbox, Portrait, PortraitRenderer) {
        let sandbox = try RealPortraitWarehouse.shared.get()
        let layout = try PortraitLayout(path: packageRoot.appendingPathComponent("pipelines/reports/portrait.yaml").path)
        let directory = try TerritoryDirectory(warehouse: sandbox.warehouse, geography: 2024)
        let portrait = try PortraitJob(warehouse: sandbox.warehouse, layout: layout, directory: directory, logger: .quiet).run(territories: [id], command: "test")[0]
        let templates = try PortraitTemplates(directory: packageRoot.appendingPathComponent("pipelines/reports/templates").path)
        return (sandbox, portrait, PortraitRenderer(templates: templates))
    }

    @Test("Lens: 32,0 % of poverty beside its EPCI, département, région, France and the Bassin minier")
    func lens() throws {
        let (_, portrait, renderer) = try make("COM:62498")
        #expect(portrait.references.map(\.id) == [Self.lensLievin, "DEP:62", "REG:32", "FR", "ZONE:bassin-minier"])
        let markdown = try renderer.text(portrait, format: .md)
        let povertyLine = try #require(markdown.split(separator: "\n").first { $0.contains("Taux de pauvreté au seuil de 60 % du niveau de vie médian") && $0.contains("| 2021 |") })
        #expect(povertyLine.contains("| 2021 | 32,0\u{00A0}% |"))
        #expect(markdown.contains("| Médiane du niveau de vie | 2021 | 17\u{202F}250\u{00A0}€ |"))
        #expect(markdown.contains("Territoires de référence : Communauté d'agglomération de Lens - Liévin (EPCI:246200364) ; Pas-de-Calais (DEP:62) ; Hauts-de-France (REG:32) ; France (FR) ; Bassin minier du Nord-Pas-de-Calais (ZONE:bassin-minier)."))
        let poverty = try #require(portrait.entries.first { $0.indicator.id == "taux_pauvrete" })
        #expect(poverty.references.allSatisfy { $0?.value != nil }, "every reference has a poverty rate")
        #expect(markdown.contains("estimation, couverture"))
    }

    @Test("the rank of Lens among the communes of its EPCI is the one SQL gives")
    func lensRank() throws {
        let (sandbox, portrait, renderer) = try make("COM:62498")
        let expected = try #require(try sandbox.rows("""
            SELECT position, peers FROM (
                SELECT territory, rank() OVER (ORDER BY value DESC) AS position, count(*) OVER () AS peers
                FROM indicator_values
                WHERE geography = 2024 AND indicator_id = 'taux_pauvrete' AND period = '2021' AND status = 'ok'
                  AND territory IN (SELECT territory FROM memberships WHERE geography = 2024 AND parent = ? AND territory LIKE 'COM:%'))
            WHERE territory = 'COM:62498'
            """, [Self.lensLievin]).first)
        let rank = try #require(portrait.entries.first { $0.indicator.id == "taux_pauvrete" }?.rank)
        #expect(rank.position == expected["position"])
        #expect(rank.count == expected["peers"])
        #expect(rank.count < 36, "communes whose rate is secret are not ranked")
        let phrase = "\(rank.position == 1 ? "1er" : "\(rank.position)e") sur \(rank.count) communes de Communauté d'agglomération de Lens - Liévin"
        #expect(try renderer.text(portrait, format: .md).contains(phrase))
    }

    @Test("the portrait of the CA de Lens-Liévin in HTML, Markdown, CSV and XLSX, recorded in report_portrait",
          .enabled(if: Python.hasOpenpyxl, "the workbook is read back with Debian's python3-openpyxl"))
    func lensLievinInEveryFormat() throws {
        let (sandbox, portrait, renderer) = try make(Self.lensLievin)
        var paths: [PortraitFormat: String] = [:]
        for format in PortraitFormat.allCases {
            let path = sandbox.directory.appendingPathComponent(PortraitRenderer.fileName(of: portrait, format: format)).path
            try renderer.write(portrait, format: format, to: path)
            paths[format] = path
        }
        let html = try String(contentsOfFile: try #require(paths[.html]), encoding: .utf8)
        #expect(html.contains("@page { size: A4"))
        #expect(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(!html.contains("<link") && !html.contains("src="), "self-contained: nothing to fetch")
        #expect(html.components(separatedBy: "<tr><td>").count - 1 >= 36, "a row per member commune")
        #expect(html.contains("Lens</td><td data-sort=\"62498\">62498</td>"))
        let markdown = try String(contentsOfFile: try #require(paths[.md]), encoding: .utf8)
        #expect(markdown.hasPrefix("# Communauté d'agglomération de Lens - Liévin\n"))
        #expect(markdown.contains("36 communes"))

        let stored = try sandbox.rows("SELECT * FROM report_portrait WHERE territory = ? ORDER BY indicator_id", [Self.lensLievin])
        #expect(stored.count == portrait.entries.count)
        let poverty = try #require(stored.first { $0["indicator_id"] == "taux_pauvrete" })
        #expect(poverty["section"] == "Revenus & pauvreté")
        #expect(poverty["rank_scope"] == "EPCI in DEP:62")
        #expect((poverty["reference_values"] as String).hasPrefix("{\"DEP:62\":"))

        let script = """
            import csv, sys, openpyxl
            with open(sys.argv[1], newline='', encoding='utf-8') as file:
                rows = list(csv.reader(file))
            assert rows[0][:7] == ['section', 'indicator_id', 'label', 'unit', 'period', "Communauté d'agglomération de Lens - Liévin (EPCI:246200364)",
                                   "Communauté d'agglomération de Lens - Liévin (EPCI:246200364) status"], rows[0]
            poverty = [row for row in rows if len(row) > 1 and row[1] == 'taux_pauvrete'][0]
            assert poverty[0] == 'Revenus & pauvreté' and float(poverty[5]) > 20 and poverty[6] == 'ok', poverty
            assert not any(row[-1].startswith('Source') for row in rows), 'nothing after the grid'
            book = openpyxl.load_workbook(sys.argv[2])
            assert book.sheetnames == ['Territoire', 'Population & âges', 'Revenus & pauvreté', 'Communes', 'Notes et sources'], book.sheetnames
            section = book['Revenus & pauvreté']
            assert section['A1'].value == 'Indicateur' and section['D1'].value == 'Période', section['A1'].value
            assert isinstance(section['D2'].value, int), section['D2'].value
            communes = book['Communes']
            assert communes.max_row == 37, communes.max_row
            header = [cell.value for cell in communes[1]]
            column = header.index('Taux de pauvreté au seuil de 60 % du niveau de vie médian (%)')
            values = [row[column].value for row in communes.iter_rows(min_row=2)]
            statuses = [row[column + 1].value for row in communes.iter_rows(min_row=2)]
            assert all(v is None or isinstance(v, (int, float)) for v in values), values
            assert 'secret statistique' in statuses and 32.0 in values, statuses
            assert all((v is None) == (status != 'ok') for v, status in zip(values, statuses)), list(zip(values, statuses))
            assert [row[0].number_format for row in communes.iter_rows(min_row=2, max_col=1)][0] == 'General'
            formats = {row[column].number_format for row in communes.iter_rows(min_row=2) if row[column].value is not None}
            assert formats == {'#,##0.0" %"'}, formats
            print('ok')
            """
        let result = try Python.run(["-W", "error", "-c", script, try #require(paths[.csv]), try #require(paths[.xlsx])])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.trimmingCharacters(in: .whitespacesAndNewlines) == "ok")
    }

    @Test("communes whose poverty rate is secret show s, never a number")
    func noSecretValue() throws {
        let (sandbox, portrait, renderer) = try make(Self.lensLievin)
        let secret = try sandbox.rows("""
            SELECT t.code, t.name FROM indicator_values v JOIN territories t ON t.geography = v.geography AND t.territory = v.territory
            JOIN memberships m ON m.geography = v.geography AND m.territory = v.territory AND m.parent = ?
            WHERE v.geography = 2024 AND v.indicator_id = 'taux_pauvrete' AND v.status = 'secret'
            """, [Self.lensLievin])
        #expect(!secret.isEmpty)
        let column = try #require(portrait.memberIndicators.firstIndex { $0.id == "taux_pauvrete" })
        let markdown = try renderer.text(portrait, format: .md).split(separator: "\n")
        for commune in secret {
            let member = try #require(portrait.members.first { $0.territory.code == commune["code"] })
            #expect(member.values[column]?.status == "secret" && member.values[column]?.value == nil)
            let line = try #require(markdown.first { $0.hasPrefix("| \(commune["name"] as String) | \(commune["code"] as String) |") })
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(cells[2 + column] == "s", "\(line)")
        }
        #expect(try sandbox.scalar("SELECT count(*) FROM report_portrait WHERE status != 'ok' AND value IS NOT NULL") == 0)
    }
}
