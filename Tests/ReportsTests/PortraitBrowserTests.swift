import Foundation
@testable import Reports
import Territories
import TestSupport
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Real portraits of the demo opened in headless Chromium (Debian's `chromium`), measured
/// by a script injected into a copy of the page: at 1280 px, at the width of an A4 sheet
/// on screen, and with the print style sheet on the A4 page, neither the document nor any
/// table is wider than the page, no cell's content spills out of its column, and the maps
/// are drawn inside their column.
@Suite("portraits fit the page in Chromium", .enabled(if: Chromium.isInstalled, "chromium is absent"), .serialized)
struct PortraitBrowserTests {
    /// The widest zone (330 member communes), an EPCI, a commune with five references.
    static let territories = ["ZONE:bassin-minier", "EPCI:246200364", "COM:62498"]

    @Test("no table wider than the page, no cell spilling out of its column", arguments: territories, Page.allCases)
    func tablesFit(territory: String, page: Page) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("portrait-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let html = try Self.render(territory, in: folder)
        let measured = try Chromium.measure(html, page: page, in: folder)

        let place = "\(territory), \(page.testDescription)"
        #expect(measured.tables.count >= 2, "\(place): the page has its tables")
        if page.isPrint {
            #expect(measured.printRules > 0, "\(place): the print style sheet was applied")
        }
        #expect(measured.document.scrollWidth <= measured.document.clientWidth,
                "\(place): the document is \(measured.document.scrollWidth) px wide in a \(measured.document.clientWidth) px window")
        // The maps: on the page, inside its column, drawn (the commune's one map; the
        // EPCI's and the zone's maps of the layout).
        #expect(measured.maps.count >= (territory.hasPrefix("COM:") ? 1 : 2), "\(place): \(measured.maps.count) maps")
        for (index, map) in measured.maps.enumerated() {
            #expect(map.width <= map.containerWidth && map.width > 300 && map.height > 200, "\(place): map \(index + 1) is \(map.width) × \(map.height) px in \(map.containerWidth) px")
            #expect(map.drawnPaths >= 30, "\(place): map \(index + 1) draws \(map.drawnPaths) areas")
        }
        for table in measured.tables {
            let name = "\(place): table \(table.index + 1) (\(table.section))"
            #expect(table.scrollWidth <= table.clientWidth, "\(name): scrollWidth \(table.scrollWidth) > clientWidth \(table.clientWidth)")
            #expect(table.width <= table.containerWidth, "\(name) is \(table.width) px wide in a \(table.containerWidth) px column")
            #expect(table.overflowingCells.isEmpty, "\(name): cells wider than their column: \(table.overflowingCells.prefix(5).map(\.description))")
        }
    }

    /// The portrait of `id` in the demo warehouse, written as HTML into `folder`.
    static func render(_ id: String, in folder: URL) throws -> URL {
        let sandbox = try DemoWarehouse.shared.get()
        let layout = try PortraitLayout(path: packageRoot.appendingPathComponent("pipelines/reports/portrait.yaml").path)
        let directory = try TerritoryDirectory(warehouse: sandbox.warehouse, geography: 2024)
        let portrait = try PortraitJob(warehouse: sandbox.warehouse, layout: layout, directory: directory, logger: .quiet)
            .run(territories: [id], command: "PortraitBrowserTests")[0]
        let templates = try PortraitTemplates(directory: packageRoot.appendingPathComponent("pipelines/reports/templates").path)
        let page = folder.appendingPathComponent(PortraitRenderer.fileName(of: portrait, format: .html))
        try PortraitRenderer(templates: templates).write(portrait, format: .html, to: page.path)
        return page
    }
}

/// The HTML cells of values break a line before a unit in words, never inside a number.
struct PortraitLineBreakTests {
    @Test("a plain space before a unit in words, the no-break spaces elsewhere kept", arguments: [
        ("1\u{202F}337\u{202F}151\u{00A0}habitants", "1\u{202F}337\u{202F}151 habitants"),
        ("258,8\u{00A0}kWh/m²/an", "258,8 kWh/m²/an"),
        ("32,0\u{00A0}%", "32,0\u{00A0}%"),
        ("17\u{202F}250\u{00A0}€", "17\u{202F}250\u{00A0}€"),
        ("24,0\u{00A0}% · 5\u{00A0}% estimé", "24,0\u{00A0}% · 5\u{00A0}% estimé"),
        ("", ""),
    ])
    func breakable(text: String, expected: String) {
        #expect(PortraitView.breakable(text) == expected)
    }
}

/// Where a portrait is opened: the window Chromium lays it out in, and whether the page's
/// `@media print` rules stand in for its screen rules.
enum Page: String, CaseIterable, Sendable, CustomTestStringConvertible {
    /// A laptop screen.
    case screen1280
    /// An A4 sheet's width on screen at 96 dpi (210 mm), with a scrollbar.
    case a4Screen
    /// Printed: the A4 landscape page of `@page` less its 12 mm margins (273 mm).
    case a4LandscapePrint
    /// Printed on an A4 portrait page all the same (186 mm), as a browser that ignores `@page size` would.
    case a4PortraitPrint

    var window: (width: Int, height: Int) {
        switch self {
        case .screen1280: (1280, 2000)
        case .a4Screen: (794, 1123)
        case .a4LandscapePrint: (1031, 730)
        case .a4PortraitPrint: (702, 1047)
        }
    }

    var isPrint: Bool { self == .a4LandscapePrint || self == .a4PortraitPrint }

    var testDescription: String {
        switch self {
        case .screen1280: "screen 1280 px"
        case .a4Screen: "screen 794 px (A4 width)"
        case .a4LandscapePrint: "print, A4 landscape (1031 px)"
        case .a4PortraitPrint: "print, A4 portrait (702 px)"
        }
    }
}

/// What the injected script measured, in CSS pixels.
struct Measurements: Decodable {
    struct Box: Decodable {
        let scrollWidth: Int
        let clientWidth: Int
    }

    struct Cell: Decodable, CustomStringConvertible {
        let row: Int
        let column: Int
        let scrollWidth: Int
        let clientWidth: Int
        let text: String

        var description: String { "row \(row), column \(column): \(scrollWidth) > \(clientWidth) px “\(text)”" }
    }

    struct Table: Decodable {
        let index: Int
        /// The title of the table's section.
        let section: String
        let scrollWidth: Int
        let clientWidth: Int
        /// The table's own width, and the width of the column it is laid out in.
        let width: Int
        let containerWidth: Int
        let overflowingCells: [Cell]
    }

    /// A map of the page (`figure.map svg`) as laid out: its size, its column's width, and
    /// how many of its paths have an area on screen.
    struct Map: Decodable {
        let width: Int
        let height: Int
        let containerWidth: Int
        let drawnPaths: Int
    }

    let document: Box
    let tables: [Table]
    let maps: [Map]
    /// How many `@media print` rules were applied (print pages only).
    let printRules: Int
}

/// Headless Chromium as a command, without a driver: `--dump-dom` prints the DOM once the
/// page has loaded, with what a script injected into a copy of the page wrote into it.
enum Chromium {
    static let path = "/usr/bin/chromium"
    static var isInstalled: Bool { FileManager.default.isExecutableFile(atPath: path) }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Measures `page` (a copy of it, beside it, with the measuring script) in `page`'s window.
    static func measure(_ html: URL, page: Page, in folder: URL) throws -> Measurements {
        let text = try String(contentsOf: html, encoding: .utf8)
        guard let end = text.range(of: "</body>", options: .backwards) else {
            throw Failure(description: "no </body> in \(html.path)")
        }
        let copy = html.deletingPathExtension().appendingPathExtension("measured.html")
        try Data((String(text[..<end.lowerBound]) + script(print: page.isPrint) + String(text[end.lowerBound...])).utf8).write(to: copy)
        let (dom, log) = try dumpDOM(copy, window: page.window, hideScrollbars: page.isPrint, in: folder)
        guard let start = dom.range(of: "<pre id=\"measurements\">"),
              let stop = dom.range(of: "</pre>", range: start.upperBound..<dom.endIndex) else {
            throw Failure(description: "no measurements in the DOM Chromium dumped for \(copy.path); its log ends with: \(log.suffix(1_000))")
        }
        // The DOM is serialised HTML: text escapes &, <, > and the no-break space.
        let json = dom[start.upperBound..<stop.lowerBound]
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&nbsp;", with: "\u{00A0}").replacingOccurrences(of: "&amp;", with: "&")
        return try JSONDecoder().decode(Measurements.self, from: Data(json.utf8))
    }

    /// Runs Chromium with a fresh profile in `folder`, killed after `timeout` seconds;
    /// returns the DOM it dumped and what it logged.
    static func dumpDOM(_ page: URL, window: (width: Int, height: Int), hideScrollbars: Bool, in folder: URL,
                        timeout: TimeInterval = 90) throws -> (dom: String, log: String) {
        let run = UUID().uuidString
        let output = folder.appendingPathComponent("dom-\(run).html"), log = folder.appendingPathComponent("chromium-\(run).log")
        guard FileManager.default.createFile(atPath: output.path, contents: nil), FileManager.default.createFile(atPath: log.path, contents: nil) else {
            throw Failure(description: "cannot create \(output.path) and \(log.path)")
        }
        let outputHandle = try FileHandle(forWritingTo: output), logHandle = try FileHandle(forWritingTo: log)
        defer {
            try? outputHandle.close()
            try? logHandle.close()
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
            "--user-data-dir=" + folder.appendingPathComponent("profile-\(run)").path,
            "--window-size=\(window.width),\(window.height)", "--virtual-time-budget=2000",
        ] + (hideScrollbars ? ["--hide-scrollbars"] : []) + ["--dump-dom", page.absoluteString]
        process.standardOutput = outputHandle
        process.standardError = logHandle
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
        }
        if process.isRunning {
            process.terminate()
            Thread.sleep(forTimeInterval: 1)
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            throw Failure(description: "chromium did not finish within \(Int(timeout)) s on \(page.path): killed")
        }
        let logged = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0 else {
            throw Failure(description: "chromium exited with status \(process.terminationStatus) on \(page.path): \(logged.suffix(1_000))")
        }
        return (try String(contentsOf: output, encoding: .utf8), logged)
    }

    /// Once the page has loaded: for print, its `@media print` rules replace its screen
    /// rules (Chromium has no flag to lay a page out for print); then the widths of the
    /// document, of every table, of its column and of every cell whose content spills out,
    /// written as JSON into `<pre id="measurements">`.
    static func script(print: Bool) -> String {
        """
        <script>
        window.addEventListener("load", function () {
          var printRules = 0;
          if (\(print)) {
            var printed = [];
            Array.prototype.forEach.call(document.styleSheets, function (sheet) {
              for (var i = sheet.cssRules.length - 1; i >= 0; i--) {
                var rule = sheet.cssRules[i];
                if (!(rule instanceof CSSMediaRule)) continue;
                var media = rule.media.mediaText;
                if (/print/.test(media)) {
                  printed = Array.prototype.map.call(rule.cssRules, function (inner) { return inner.cssText; }).concat(printed);
                  sheet.deleteRule(i);
                } else if (/screen/.test(media)) {
                  sheet.deleteRule(i);
                }
              }
            });
            var style = document.createElement("style");
            style.textContent = printed.join(" ");
            document.head.appendChild(style);
            printRules = printed.length;
          }
          var tables = Array.prototype.map.call(document.querySelectorAll("table"), function (table, index) {
            var section = table.closest("section");
            var title = section && section.querySelector("h2");
            var cells = Array.prototype.filter.call(table.querySelectorAll("th, td"), function (cell) {
              return cell.scrollWidth > cell.clientWidth;
            }).map(function (cell) {
              return {row: cell.parentElement.rowIndex, column: cell.cellIndex, scrollWidth: cell.scrollWidth,
                      clientWidth: cell.clientWidth, text: cell.textContent.slice(0, 60)};
            });
            return {index: index, section: title ? title.textContent : "", scrollWidth: table.scrollWidth,
                    clientWidth: table.clientWidth, width: table.offsetWidth, containerWidth: table.parentElement.clientWidth,
                    overflowingCells: cells};
          });
          var maps = Array.prototype.map.call(document.querySelectorAll("figure.map svg"), function (svg) {
            var box = svg.getBoundingClientRect();
            var drawn = Array.prototype.filter.call(svg.querySelectorAll("path"), function (path) {
              var b = path.getBoundingClientRect();
              return b.width > 0 && b.height > 0;
            }).length;
            return {width: Math.round(box.width), height: Math.round(box.height),
                    containerWidth: svg.parentElement.clientWidth, drawnPaths: drawn};
          });
          var root = document.documentElement;
          var out = document.createElement("pre");
          out.id = "measurements";
          out.textContent = JSON.stringify({document: {scrollWidth: root.scrollWidth, clientWidth: root.clientWidth},
                                            tables: tables, maps: maps, printRules: printRules});
          document.body.appendChild(out);
        });
        </script>

        """
    }
}
