import Export
import Foundation
import Output
@testable import Reports
import Territories
import TestSupport
import Testing
import Warehouse

/// Every portrait says at its foot when it was made (UTC), by which version of
/// Observatoire, and in which run, the run `report_portrait.run_id` records. The date is
/// injected: no test depends on the clock.
@Suite("the footer of every portrait: date, version, run", .serialized)
struct PortraitFooterTests {
    /// 2026-12-07 18:40:00 UTC.
    static let madeAt = Date(timeIntervalSince1970: 1_796_668_800)
    /// An EPCI of the demo no other suite makes a portrait of, so that its rows in
    /// `report_portrait` are this suite's.
    static let territory = "EPCI:246200299"

    private func make(now: Date? = nil) throws -> (Sandbox, Portrait, runID: Int64) {
        let sandbox = try DemoWarehouse.shared.get()
        let layout = try PortraitLayout(path: packageRoot.appendingPathComponent("pipelines/reports/portrait.yaml").path)
        let directory = try TerritoryDirectory(warehouse: sandbox.warehouse, geography: 2024)
        let job = PortraitJob(warehouse: sandbox.warehouse, layout: layout, directory: directory, logger: .quiet)
        let command = "PortraitFooterTests \(UUID().uuidString)"
        let portrait = try (now.map { try job.run(territories: [Self.territory], command: command, now: $0) }
            ?? job.run(territories: [Self.territory], command: command))[0]
        let runID: Int64 = try #require(try sandbox.scalar("SELECT run_id FROM runs WHERE command = ?", [command]))
        return (sandbox, portrait, runID)
    }

    private func renderer() throws -> PortraitRenderer {
        PortraitRenderer(templates: try PortraitTemplates(directory: packageRoot.appendingPathComponent("pipelines/reports/templates").path))
    }

    @Test("HTML, Markdown, CSV and XLSX end with the date in UTC, the version and the run of report_portrait",
          .enabled(if: Python.hasOpenpyxl, "the workbook is read back with Debian's python3-openpyxl"))
    func everyFormat() throws {
        let (sandbox, portrait, runID) = try make(now: Self.madeAt)
        #expect(portrait.production == Portrait.Production(date: Self.madeAt, runID: runID, software: SoftwareVersion.current))
        let recorded: [Int64] = try sandbox.rows("SELECT DISTINCT run_id FROM report_portrait WHERE territory = ?", [Self.territory])
            .map { $0["run_id"] }
        #expect(recorded == [runID], "report_portrait holds the rows of this run")
        let footer = "Produit le 2026-12-07 18:40 UTC par observatoire \(SoftwareVersion.current), exécution n° \(runID)"

        let renderer = try renderer()
        let html = try renderer.text(portrait, format: .html)
        #expect(html.contains("<footer class=\"production\">\(footer)</footer>\n</body>"))
        #expect(html.contains("<meta name=\"generator\" content=\"observatoire \(SoftwareVersion.current)\">"))
        let markdown = try renderer.text(portrait, format: .md)
        #expect(markdown.split(separator: "\n").last.map(String.init) == footer)
        // A CSV is a clean table: the footer is in the metadata beside it.
        let csvPath = sandbox.directory.appendingPathComponent("footer-\(UUID().uuidString).csv").path
        try renderer.write(portrait, format: .csv, to: csvPath)
        #expect(!(try String(contentsOfFile: csvPath, encoding: .utf8)).contains(footer))
        let metadata = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: CSVDocument.sidecarPath(of: csvPath)))) as? [String: Any]
        #expect((metadata?["notes"] as? [String])?.last == footer)

        let path = sandbox.directory.appendingPathComponent("footer-\(UUID().uuidString).xlsx").path
        try renderer.write(portrait, format: .xlsx, to: path)
        let result = try Python.run(["-W", "error", "-c", """
            import sys, openpyxl
            sheet = openpyxl.load_workbook(sys.argv[1])['Notes et sources']
            print(sheet.cell(row=sheet.max_row, column=1).value)
            """, path])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.trimmingCharacters(in: .whitespacesAndNewlines) == footer)
    }

    @Test("made by the clock: the footer states the time of the run, to the minute, in UTC")
    func clock() throws {
        let before = Date()
        let (_, portrait, runID) = try make()
        let after = Date()
        let markdown = try renderer().text(portrait, format: .md)
        let footer = try #require(markdown.split(separator: "\n").last.map(String.init))
        let match = try #require(footer.wholeMatch(of: /Produit le (\d{4}-\d{2}-\d{2} \d{2}:\d{2}) UTC par observatoire (\d+\.\d+\.\d+), exécution n° (\d+)/))
        #expect(Set([PortraitView.utc(before), PortraitView.utc(after)]).contains(String(match.1)))
        #expect(String(match.2) == SoftwareVersion.current)
        #expect(String(match.3) == String(runID))
    }

    @Test("the date in UTC (the calendar's zone, not the machine's), to the minute, cut rather than rounded", arguments: [
        (1_796_668_800.0, "2026-12-07 18:40"),
        (1_798_761_599.0, "2026-12-31 23:59"),
        (0.0, "1970-01-01 00:00"),
        (951_782_400.0, "2000-02-29 00:00"),
    ])
    func utc(seconds: Double, expected: String) {
        #expect(PortraitView.utc(Date(timeIntervalSince1970: seconds)) == expected)
    }

    @Test func productionLine() {
        let production = Portrait.Production(date: Self.madeAt, runID: 12, software: "0.35.0")
        #expect(PortraitView.productionLine(production) == "Produit le 2026-12-07 18:40 UTC par observatoire 0.35.0, exécution n° 12")
    }
}
