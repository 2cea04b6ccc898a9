import Cartography
import Foundation
import Testing

/// The 330 communes of the Bassin minier, projected to Lambert-93 and simplified.
@Suite(.enabled(if: SharedLayers.isAvailable, SharedLayers.absent))
struct CoverageSimplifierTests {
    /// The communes read and projected, with the time each step took.
    static func projectedCommunes() throws -> (features: [PolygonFeature], read: Duration, projected: Duration) {
        let clock = ContinuousClock()
        let start = clock.now
        let read = try GeoJSONPolygons(path: SharedLayers.communes).features
        let afterRead = clock.now
        let reprojection = try Reprojection()
        let projected = try read.map(reprojection.project)
        return (projected, afterRead - start, clock.now - afterRead)
    }

    /// The published file is not an exact coverage (its communes were simplified one by one
    /// upstream); made into one, the basin has no hole left, and keeps its two parts (the
    /// main body and Lécluse, whose neighbours are outside the basin).
    @Test func theCommunesMadeIntoAnExactCoverage() throws {
        let (communes, _, _) = try Self.projectedCommunes()
        let (cleaned, report) = try CoverageCleaner().clean(communes)
        let context = try GeosContext()
        let original = try CoverageMeasures(communes.map { try GeosGeometry($0.geometry, in: context) }, in: context)
        let exact = try CoverageMeasures(cleaned.map { try GeosGeometry($0.geometry, in: context) }, in: context)
        print("""
        communes-mbm.geojson as published: \(original)
          made exact: \(exact)
          \(report.faces) faces: \(report.overlapsSettled) overlaps settled, \(report.gapsClosed) gaps closed, \(report.holesKept) holes kept
        """)
        #expect(original.unionHoles > 100 && original.overlapShare > 0.0001, "the published layer has slivers and overlaps")
        #expect(abs(exact.overlapShare) < 1e-9)
        #expect(exact.unionParts == 2 && exact.unionHoles == 0)
        #expect(abs(exact.unionArea / original.unionArea - 1) < 0.001)
        #expect(report.gapsClosed > 100 && report.overlapsSettled > 100 && report.holesKept == 0)
    }

    @Test func neighboursKeepTheirSharedEdgesAt200Metres() throws {
        let (communes, readTime, projectTime) = try Self.projectedCommunes()
        let clock = ContinuousClock()
        let start = clock.now
        let (simplified, report) = try CoverageSimplifier(tolerance: 200).simplify(communes)
        let simplifyTime = clock.now - start

        let context = try GeosContext()
        let before = try communes.map { try GeosGeometry($0.geometry, in: context) }
        let after = try simplified.map { try GeosGeometry($0.geometry, in: context) }
        let original = try CoverageMeasures(before, in: context)
        let result = try CoverageMeasures(after, in: context)
        let ratio = Double(report.verticesAfter) / Double(report.verticesBefore)
        print("""
        coverage of \(communes.count) communes at 200 m: read \(readTime), projected \(projectTime), simplified \(simplifyTime)
          vertices \(report.verticesBefore) → \(report.verticesAfter) (ratio \(String(format: "%.3f", ratio))); \
        made exact: \(report.cleaning.overlapsSettled) overlaps settled, \(report.cleaning.gapsClosed) gaps closed; \
        \(report.edges) edges (\(report.outlineEdges) on the outline), \(report.edgeVerticesBefore) → \(report.edgeVerticesAfter) edge vertices
          original:   \(original)
          simplified: \(result)
        """)

        // Every commune is there, in order, valid and with an area.
        #expect(simplified.map(\.identifier) == communes.map(\.identifier))
        for (feature, geometry) in zip(simplified, after) {
            let reason = try geometry.validityReason()
            #expect(try geometry.isValid(), "\(feature.label): \(reason)")
            #expect(try geometry.area() > 0, "\(feature.label)")
        }
        #expect(report.verticesBefore == original.vertices && report.verticesAfter == result.vertices)
        #expect(ratio < 0.25, "far fewer vertices: \(report.verticesAfter) of \(report.verticesBefore)")
        // Areas kept within 1 %, each border moved once for both its sides: no overlap …
        #expect(abs(result.sumOfAreas / original.sumOfAreas - 1) < 0.01)
        #expect(abs(result.overlapShare) < 0.0001, "overlap \(result.overlapShare)")
        // … and no gap: the basin keeps its area and its two parts, and has no hole.
        #expect(abs(result.unionArea / original.unionArea - 1) < 0.01)
        #expect(result.unionParts == original.unionParts && result.unionHoles == 0)

        // Lens and Liévin still share a border, in both of them.
        let lens = try #require(simplified.firstIndex { $0.identifier == "62498" })
        let lievin = try #require(simplified.firstIndex { $0.identifier == "62510" })
        let shared = try after[lens].boundary().intersection(after[lievin].boundary()).length()
        print("  Lens–Liévin border, shared by both: \(Int(shared.rounded())) m")
        #expect(shared > 1000, "Lens–Liévin border \(shared) m")
    }

    /// Whatever the tolerance, the simplified communes tile the basin exactly.
    @Test(arguments: [10.0, 50.0, 1000.0, 5000.0])
    func theCoverageStaysExactAtAnyTolerance(tolerance: Double) throws {
        let (communes, _, _) = try Self.projectedCommunes()
        let (simplified, report) = try CoverageSimplifier(tolerance: tolerance).simplify(communes)
        let context = try GeosContext()
        let after = try simplified.map { try GeosGeometry($0.geometry, in: context) }
        let result = try CoverageMeasures(after, in: context)
        print("at \(tolerance) m: \(result)")
        #expect(simplified.count == communes.count)
        #expect(try after.allSatisfy { try $0.isValid() && $0.area() > 0 })
        #expect(abs(result.overlapShare) < 0.0001 && result.unionParts == 2 && result.unionHoles == 0)
        #expect(report.verticesAfter < report.verticesBefore)
    }

    /// The contrast that shows what the checks catch: each commune simplified alone
    /// (GEOSSimplify_r) overlaps its neighbours and opens slivers between them.
    @Test func simplifyingEachCommuneAloneFailsTheSameChecks() throws {
        let (communes, _, _) = try Self.projectedCommunes()
        let context = try GeosContext()
        let exact = try CoverageCleaner().clean(communes).features.map { try GeosGeometry($0.geometry, in: context) }
        let naive = try CoverageMeasures(exact.map { try $0.simplified(tolerance: 200) }, in: context)
        print("each commune simplified alone at 200 m: \(naive)")
        #expect(abs(naive.overlapShare) >= 0.0001, "the naive way should overlap")
        #expect(naive.unionHoles > 0, "the naive way should open gaps")
    }
}
