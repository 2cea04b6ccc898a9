import Core
import Foundation

/// Simplifies a coverage — polygons that tile a territory, such as its communes — so that
/// neighbours keep sharing their borders exactly: no sliver between two communes, no overlap,
/// whatever the tolerance. Simplifying each commune alone moves the two sides of a shared
/// border differently; here each border is simplified once, for both its communes.
///
/// GEOS 3.11 has no coverage simplification, so this is the classic construction on its C API,
/// after `CoverageCleaner` has made the borders shared where the layer was not exact: the
/// boundaries of all polygons are noded into unique edges (unary union, then line merge, so an
/// edge runs from one node to the next, a node being where three or more polygons or the
/// territory's outline meet), and each edge is matched to the one or two polygons it bounds;
/// the edges are simplified together by GEOS's topology-preserving simplifier, which keeps
/// their end nodes in place and keeps them from crossing one another; and each polygon is
/// rebuilt from its own simplified edges (build area, so that enclosed rings make holes).
/// Rebuilding from the edges, rather than polygonizing them all and matching faces by a point
/// inside, holds at tolerances where a face moves off its original polygon.
///
/// GEOS 3.11's simplifier lets two edges that join the same two nodes both become the straight
/// segment between them (GEOS 3.12.2 changed this), which closes the face between them: a commune
/// bordered by two neighbours only, or an enclave, would vanish. Such edges are cut first at
/// their vertex farthest from that segment, a fixed point that keeps the face open.
public struct CoverageSimplifier: Sendable {
    /// Largest distance a simplified edge may stray from the original, in the units of the
    /// coordinates (metres in Lambert-93: project first, WGS84 degrees are not a distance).
    public var tolerance: Double
    /// How slivers between neighbours are closed before simplifying.
    public var cleaner: CoverageCleaner

    public init(tolerance: Double, cleaner: CoverageCleaner = CoverageCleaner()) {
        self.tolerance = tolerance
        self.cleaner = cleaner
    }

    /// What a simplification did, for logs and benchmarks.
    public struct Report: Sendable, Equatable {
        /// Positions of all features, before and after, closing positions included.
        public var verticesBefore = 0
        public var verticesAfter = 0
        /// What making the layer an exact coverage took.
        public var cleaning = CoverageCleaner.Report()
        /// Unique edges between nodes (cut ones counted as their pieces), and their positions
        /// before and after simplification.
        public var edges = 0
        public var edgeVerticesBefore = 0
        public var edgeVerticesAfter = 0
        /// Edges on the territory's outline, bounding one polygon only.
        public var outlineEdges = 0
    }

    /// The features with simplified geometries, in the same order, and what was done.
    /// Throws, naming the feature, when an input geometry is invalid, when features overlap
    /// beyond a sliver, or when a feature ends with no area.
    public func simplify(_ features: [PolygonFeature]) throws -> (features: [PolygonFeature], report: Report) {
        let context = try GeosContext()
        var report = Report()
        let labels = features.map(\.label)
        let originals = try features.map { feature in
            let geometry = try GeosGeometry(feature.geometry, in: context)
            guard try geometry.isValid() else {
                throw ObservatoireError(.invalidGeometry,
                                       "is not a valid polygon: repair it before simplifying (QGIS: Fix geometries; ogr2ogr -makevalid)",
                                       feature: feature.label, cause: try geometry.validityReason())
            }
            report.verticesBefore += feature.geometry.vertexCount
            return geometry
        }
        let (coverage, cleaning) = try cleaner.clean(originals, labels: labels, in: context)
        report.cleaning = cleaning

        // Unique edges from node to node, each matched to the polygons it bounds.
        let linework = try GeosGeometry.union(coverage.map { try $0.boundary() }, in: context)
        let lines = try Self.cutEdgesSharingTheirNodes(linework.lineMerge().lines())
        let index = try CoverageIndex(coverage, in: context)
        var edgesOf = [[Int]](repeating: [], count: features.count)
        for (edge, line) in lines.enumerated() {
            let owners = try index.polygons(along: line)
            guard !owners.isEmpty, owners.count <= 2 else {
                throw ObservatoireError(.geos, "an edge of the coverage, from (\(line[0].x), \(line[0].y)), bounds \(owners.count) polygons instead of one or two: report this with the layer")
            }
            if owners.count == 1 { report.outlineEdges += 1 }
            for owner in owners { edgesOf[owner].append(edge) }
        }
        report.edges = lines.count
        report.edgeVerticesBefore = lines.reduce(0) { $0 + $1.count }

        // Simplified together: the simplifier keeps the edges' number and order.
        let simplified = try GeosGeometry.multiLineString(lines, in: context).topologyPreservingSimplified(tolerance: tolerance).lines()
        guard simplified.count == lines.count else {
            throw ObservatoireError(.geos, "GEOS's simplifier returned \(simplified.count) edges for \(lines.count): report this with the layer")
        }
        report.edgeVerticesAfter = simplified.reduce(0) { $0 + $1.count }

        // Each polygon from its own simplified edges.
        let result = try features.indices.map { offset in
            let area = try GeosGeometry.multiLineString(edgesOf[offset].map { simplified[$0] }, in: context).builtArea()
            let geometry = try area.multiPolygon()
            guard !geometry.polygons.isEmpty, try area.area() > 0 else {
                throw ObservatoireError(.collapsedFeature,
                                       "has no area left after simplification at \(tolerance): choose a smaller tolerance",
                                       feature: labels[offset])
            }
            report.verticesAfter += geometry.vertexCount
            return features[offset].with(geometry: geometry)
        }
        return (result, report)
    }

    /// The edges, with every closed one and every one that joins the same two nodes as another
    /// cut so that no two can become one straight segment: a closed edge at its vertex
    /// farthest from its start, then each edge of a group that shares both ends at its vertex
    /// farthest from the segment between them (a straight one, of two positions, stays whole).
    static func cutEdgesSharingTheirNodes(_ edges: [[Coordinate]]) -> [[Coordinate]] {
        func cut(_ line: [Coordinate], farthestFrom distance: (Coordinate) -> Double) -> [[Coordinate]] {
            guard line.count > 2 else { return [line] }
            let inner = 1..<(line.count - 1)
            guard let at = inner.max(by: { distance(line[$0]) < distance(line[$1]) }) else { return [line] }
            return [Array(line[...at]), Array(line[at...])]
        }
        var opened: [[Coordinate]] = []
        for edge in edges {
            guard let start = edge.first, edge.count > 3, edge.last == start else { opened.append(edge); continue }
            opened += cut(edge) { hypot($0.x - start.x, $0.y - start.y) }
        }
        var byEnds: [EdgeEnds: [Int]] = [:]
        for (index, edge) in opened.enumerated() {
            if let first = edge.first, let last = edge.last { byEnds[EdgeEnds(first, last), default: []].append(index) }
        }
        var result: [[Coordinate]] = []
        for edge in opened {
            guard let first = edge.first, let last = edge.last, byEnds[EdgeEnds(first, last)]?.count ?? 0 > 1 else {
                result.append(edge)
                continue
            }
            result += cut(edge) { point in Self.distance(from: point, toSegment: first, last) }
        }
        return result
    }

    private static func distance(from point: Coordinate, toSegment a: Coordinate, _ b: Coordinate) -> Double {
        let dx = b.x - a.x, dy = b.y - a.y
        let length2 = dx * dx + dy * dy
        guard length2 > 0 else { return hypot(point.x - a.x, point.y - a.y) }
        let t = max(0, min(1, ((point.x - a.x) * dx + (point.y - a.y) * dy) / length2))
        return hypot(point.x - (a.x + t * dx), point.y - (a.y + t * dy))
    }
}

/// The two ends of an edge, in either order.
private struct EdgeEnds: Hashable {
    let low: Coordinate
    let high: Coordinate

    init(_ a: Coordinate, _ b: Coordinate) {
        (low, high) = (a.x, a.y) < (b.x, b.y) ? (a, b) : (b, a)
    }
}
