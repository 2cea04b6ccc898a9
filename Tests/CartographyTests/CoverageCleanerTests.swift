import Cartography
import Core
import Foundation
import Testing

/// Small coverages drawn for the purpose, in metres.
struct CoverageCleanerTests {
    static func rectangle(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, hole: [Coordinate]? = nil) -> MultiPolygon {
        let ring = [Coordinate(x: x0, y: y0), Coordinate(x: x1, y: y0), Coordinate(x: x1, y: y1), Coordinate(x: x0, y: y1), Coordinate(x: x0, y: y0)]
        return MultiPolygon([Polygon(exterior: ring, holes: hole.map { [$0] } ?? [])])
    }

    static func feature(_ index: Int, _ code: String, _ geometry: MultiPolygon) -> PolygonFeature {
        PolygonFeature(index: index, properties: ["insee": code], geometry: geometry)
    }

    /// A and B side by side with a 1 m gap between them, B reaching 0.5 m into C above,
    /// D below, and a 30 m hole in B that no feature fills (an enclave of another territory).
    static let slivered = [
        feature(1, "A", rectangle(0, 0, 100, 100)),
        feature(2, "B", rectangle(101, 0, 200, 100.5, hole: [
            Coordinate(x: 130, y: 30), Coordinate(x: 160, y: 30), Coordinate(x: 160, y: 60), Coordinate(x: 130, y: 60), Coordinate(x: 130, y: 30),
        ])),
        feature(3, "C", rectangle(0, 100, 200, 200)),
        feature(4, "D", rectangle(0, -100, 200, 0)),
    ]

    @Test func slivers() throws {
        let (cleaned, report) = try CoverageCleaner().clean(Self.slivered)
        #expect(report.gapsClosed == 1 && report.overlapsSettled == 1 && report.holesKept == 1)
        let context = try GeosContext()
        let measures = try CoverageMeasures(cleaned.map { try GeosGeometry($0.geometry, in: context) }, in: context)
        #expect(abs(measures.overlapShare) < 1e-12)
        #expect(measures.unionParts == 1 && measures.unionHoles == 1)
        #expect(abs(measures.unionArea - (200 * 300 - 900)) < 1e-6)
        // The 100 m² gap went to A or B (it runs 100 m along each), the 49.5 m² overlap of B
        // and C to C, the larger; D is untouched.
        let areas = try cleaned.map { try GeosGeometry($0.geometry, in: context).area() }
        #expect(abs(areas[0] + areas[1] - (100 * 100 + 99 * 100 - 900 + 100)) < 1e-6)
        #expect(abs(areas[2] - 200 * 100) < 1e-6 && abs(areas[3] - 200 * 100) < 1e-6)
    }

    @Test func wideOverlapIsAnErrorNamingBothFeatures() throws {
        let features = [Self.feature(1, "62498", Self.rectangle(0, 0, 100, 100)), Self.feature(2, "62510", Self.rectangle(50, 0, 150, 100))]
        let error = try #require(throws: ObservatoireError.self) { try CoverageCleaner().clean(features) }
        #expect(error.code == .overlappingFeatures && error.feature == "feature 1 (insee 62498)")
        #expect(error.message.contains("feature 2 (insee 62510)") && error.message.contains("5000 m²"), "\(error)")
    }

    /// A border zigzagging 1 m either side of x = 50 between L and R, with T above and B
    /// below: simplified at 5 m it becomes one straight edge, the same for both sides.
    @Test func aSharedBorderIsSimplifiedOnceForBothSides() throws {
        let offsets: [Double] = [0, 1, 0, -1, 0, 1, 0, -1, 0, 1, 0]
        let border = offsets.enumerated().map { Coordinate(x: 50 + $0.element, y: Double($0.offset) * 10) }
        let left = [Coordinate(x: 0, y: 0)] + border + [Coordinate(x: 0, y: 100), Coordinate(x: 0, y: 0)]
        let right = [Coordinate(x: 100, y: 100)] + border.reversed() + [Coordinate(x: 100, y: 0), Coordinate(x: 100, y: 100)]
        let features = [
            Self.feature(1, "L", MultiPolygon([Polygon(exterior: left)])), Self.feature(2, "R", MultiPolygon([Polygon(exterior: right)])),
            Self.feature(3, "T", Self.rectangle(0, 100, 100, 150)), Self.feature(4, "B", Self.rectangle(0, -50, 100, 0)),
        ]
        let (simplified, report) = try CoverageSimplifier(tolerance: 5).simplify(features)
        #expect(report.edgeVerticesAfter < report.edgeVerticesBefore)
        let context = try GeosContext()
        let geometries = try simplified.map { try GeosGeometry($0.geometry, in: context) }
        #expect(try geometries.map { try $0.area() } == [5000, 5000, 5000, 5000])
        #expect(simplified.prefix(2).map { $0.geometry.vertexCount } == [5, 5])
        #expect(try geometries[0].boundary().intersection(geometries[1].boundary()).length() == 100)
    }

    /// An enclave (a commune inside another, as Ourton's exclave sits in Diéval) and a commune
    /// between two neighbours only: GEOS 3.11 would flatten both edges of each onto one segment.
    @Test func enclavesAndTwoEdgedFacesSurviveAnyTolerance() throws {
        let ring = (0..<12).map { step in
            let angle = Double(step) / 12 * 2 * Double.pi
            return Coordinate(x: 500 + 40 * cos(angle), y: 500 + 40 * sin(angle))
        }
        let enclave = MultiPolygon([Polygon(exterior: ring + [ring[0]])])
        let features = [
            Self.feature(1, "outer", Self.rectangle(0, 0, 1000, 1000, hole: (ring + [ring[0]]).reversed())),
            Self.feature(2, "enclave", enclave),
        ]
        for tolerance in [10.0, 100.0, 10_000.0] {
            let (simplified, _) = try CoverageSimplifier(tolerance: tolerance).simplify(features)
            let context = try GeosContext()
            let geometries = try simplified.map { try GeosGeometry($0.geometry, in: context) }
            let measures = try CoverageMeasures(geometries, in: context)
            #expect(try geometries.allSatisfy { try $0.isValid() && $0.area() > 0 }, "at \(tolerance)")
            #expect(abs(measures.overlapShare) < 1e-12 && measures.unionHoles == 0 && measures.unionParts == 1, "at \(tolerance): \(measures)")
        }
    }
}
