import Cartography
import Core
import Foundation
import Testing

struct ReprojectionTests {
    /// Lens, from WGS84 longitude/latitude to Lambert-93. The expectation is PROJ's own
    /// command-line tool: `echo 50.43 2.83 | cs2cs -d 3 EPSG:4326 EPSG:2154` prints
    /// `687903.453 7036954.700` (cs2cs takes EPSG:4326 in its official latitude-first order).
    @Test func lensLandsWhereCs2csPutsIt() throws {
        let reprojection = try Reprojection()
        let lens = try reprojection.project(Coordinate(x: 2.83, y: 50.43))
        #expect((686_000...690_000).contains(lens.x) && (7_035_000...7_040_000).contains(lens.y))
        #expect(abs(lens.x - 687_903.453) < 0.01, "easting \(lens.x)")
        #expect(abs(lens.y - 7_036_954.700) < 0.01, "northing \(lens.y)")
    }

    /// Lambert-93's defining point: its origin meridian 3° E at latitude 46.5° N is (700 000, 6 600 000).
    @Test func originOfLambert93() throws {
        let origin = try Reprojection().project(Coordinate(x: 3, y: 46.5))
        #expect(abs(origin.x - 700_000) < 0.01 && abs(origin.y - 6_600_000) < 0.01, "\(origin)")
    }

    /// The vertices of real communes agree with cs2cs to the millimetre, when PROJ's tools are installed.
    @Test(.enabled(if: SharedLayers.isAvailable && FileManager.default.isExecutableFile(atPath: "/usr/bin/cs2cs"),
                   "communes-mbm.geojson or cs2cs (Debian proj-bin) is absent"))
    func communeVerticesAgreeWithCs2cs() throws {
        let features = try GeoJSONPolygons(path: SharedLayers.communes).features
        let sample = features.prefix(20).map { $0.geometry.polygons[0].exterior[0] }
        let projected = try Reprojection().project(sample)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/cs2cs")
        process.arguments = ["-f", "%.4f", "+proj=longlat", "+datum=WGS84", "+no_defs", "+to", "EPSG:2154"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(sample.map { "\($0.x) \($0.y)\n" }.joined().utf8))
        try input.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let lines = text.split(separator: "\n").map { $0.split(whereSeparator: { $0 == " " || $0 == "\t" }).compactMap { Double($0) } }
        try #require(lines.count == sample.count)
        for (mine, theirs) in zip(projected, lines) {
            #expect(abs(mine.x - theirs[0]) < 0.001 && abs(mine.y - theirs[1]) < 0.001, "\(mine) against cs2cs \(theirs)")
        }
    }

    @Test func polygonsKeepTheirShapeOfRings() throws {
        let square = MultiPolygon([Polygon(exterior: [Coordinate(x: 2.8, y: 50.4), Coordinate(x: 2.9, y: 50.4),
                                                      Coordinate(x: 2.9, y: 50.5), Coordinate(x: 2.8, y: 50.4)])])
        let projected = try Reprojection().project(square)
        #expect(projected.vertexCount == 4)
        #expect(projected.polygons[0].exterior.first == projected.polygons[0].exterior.last)
    }

    /// Without proj.db PROJ knows no EPSG code: the error says which package to install.
    @Test func missingDatabaseIsNamed() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("observatoire-no-proj-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        #expect {
            try Reprojection(searchPaths: [empty.path])
        } throws: { error in
            let error = error as? ObservatoireError
            return error?.code == .projDatabaseMissing && error?.message.contains("proj-data") == true
        }
    }

    @Test func unknownCRSIsAnError() throws {
        #expect { try Reprojection(to: "EPSG:999999") } throws: { ($0 as? ObservatoireError)?.code == .projection }
    }
}
