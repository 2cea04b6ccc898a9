import Cartography
import Foundation
@testable import Reports
import Territories
import TestSupport
import Testing

/// The poverty map of the Bassin minier, as `map --format html` writes it, opened in
/// headless Chromium: every commune drawn with an area on screen, the legend's counts
/// adding up to the 330 communes, and a screenshot that is not a blank page.
@Suite(.enabled(if: Chromium.isInstalled, "chromium is absent"))
struct MapBrowserTests {
    @Test func theBasinsPovertyMapIsDrawnWhole() throws {
        let sandbox = try DemoWarehouse.shared.get()
        let directory = try TerritoryDirectory(warehouse: sandbox.warehouse, geography: 2024)
        let basin = try directory.resolve("ZONE:bassin-minier")
        let (features, source) = try StoredContours(warehouse: sandbox.warehouse, geography: 2024).communes(of: basin, in: directory)
        let projection = try Reprojection()
        let communes = try CoverageSimplifier(tolerance: 100).simplify(try features.map(projection.project)).features
        let map = try ChoroplethMapBuilder(warehouse: sandbox.warehouse, directory: directory)
            .map(indicator: "taux_pauvrete", territory: basin, contours: communes, contoursName: source)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("map-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("pauvrete.html")
        let html = String(decoding: try MapFormat.html.data(of: map), as: UTF8.self)
        let script = """
            <script>
            window.addEventListener("load", function () {
              var areas = Array.prototype.filter.call(document.querySelectorAll("svg > g path"), function (path) {
                var box = path.getBoundingClientRect();
                return path.querySelector("title") && box.width > 0 && box.height > 0;
              }).length;
              var counts = Array.prototype.map.call(document.querySelectorAll("svg > text[font-size='11']"), function (text) {
                var found = /\\((\\d+)\\)$/.exec(text.textContent);
                return found ? Number(found[1]) : 0;
              });
              var out = document.createElement("pre");
              out.id = "measurements";
              out.textContent = JSON.stringify({areas: areas, legend: counts.reduce(function (a, b) { return a + b; }, 0)});
              document.body.appendChild(out);
            });
            </script>
            """
        try Data(html.replacingOccurrences(of: "</body>", with: script + "</body>").utf8).write(to: page)
        let (dom, log) = try Chromium.dumpDOM(page, window: (1280, 1100), hideScrollbars: true, in: folder)
        let json = try #require(dom.firstMatch(of: /<pre id="measurements">([^<]*)<\/pre>/).map { String($0.1) }, "no measurements: \(log.suffix(500))")
        let measured = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Int])
        #expect(measured["areas"] == 330, "communes drawn: \(measured)")
        #expect(measured["legend"] == 330, "the legend's classes, secret and grey count every commune once: \(measured)")

        let screenshot = folder.appendingPathComponent("pauvrete.png")
        try Chromium.screenshot(page, window: (1280, 1100), to: screenshot, in: folder)
        let size = try FileManager.default.attributesOfItem(atPath: screenshot.path)[.size] as? Int ?? 0
        // A blank page of that size compresses to a few kilobytes; the map to hundreds.
        #expect(size > 100_000, "the screenshot is \(size) bytes: blank?")
    }
}

extension Chromium {
    /// A PNG of `page` as headless Chromium lays it out in a window of that size.
    static func screenshot(_ page: URL, window: (width: Int, height: Int), to png: URL, in folder: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
            "--user-data-dir=" + folder.appendingPathComponent("profile-\(UUID().uuidString)").path,
            "--window-size=\(window.width),\(window.height)", "--screenshot=" + png.path, page.absoluteString,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0, FileManager.default.fileExists(atPath: png.path) else {
            throw Failure(description: "chromium made no screenshot of \(page.path) (status \(process.terminationStatus))")
        }
    }
}
