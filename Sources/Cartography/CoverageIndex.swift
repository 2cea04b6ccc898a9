import Foundation

/// The polygons of a coverage indexed for matching faces and edges to them: an R-tree of
/// their envelopes for candidates, each polygon prepared for fast containment tests.
final class CoverageIndex {
    let context: GeosContext
    let polygons: [GeosGeometry]
    let boundaries: [GeosGeometry]
    private let tree: GeosSTRtree
    private let prepared: [GeosPreparedGeometry]

    init(_ polygons: [GeosGeometry], in context: GeosContext) throws {
        self.context = context
        self.polygons = polygons
        boundaries = try polygons.map { try $0.boundary() }
        tree = try GeosSTRtree(in: context)
        polygons.forEach(tree.insert)
        prepared = try polygons.map(GeosPreparedGeometry.init)
    }

    /// The polygons an edge of the coverage's noded boundaries runs along: one on the
    /// territory's outline, two elsewhere. Probed at the middle of its longest segment, which
    /// lies on their boundaries to rounding (a billionth of the coordinates' magnitude).
    func polygons(along edge: [Coordinate]) throws -> [Int] {
        guard edge.count >= 2 else { return [] }
        func length(_ segment: Int) -> Double {
            hypot(edge[segment].x - edge[segment - 1].x, edge[segment].y - edge[segment - 1].y)
        }
        let longest = (1..<edge.count).max { length($0) < length($1) } ?? 1
        let middle = Coordinate(x: (edge[longest - 1].x + edge[longest].x) / 2, y: (edge[longest - 1].y + edge[longest].y) / 2)
        let probe = try GeosGeometry.point(middle, in: context)
        let reach = max(abs(middle.x), abs(middle.y), 1) * 1e-9
        return try tree.query(probe).filter { try boundaries[$0].distance(to: probe) <= reach }
    }

    /// The polygons that contain a point inside `face`: one for a face within one polygon,
    /// two or more where polygons overlap, none in a gap or a hole of the territory.
    func owners(of face: GeosGeometry) throws -> [Int] {
        let point = try face.pointOnSurface()
        return try tree.query(point).filter { try prepared[$0].contains(point) }
    }

    /// The polygon whose boundary runs longest along `face`'s, if any touches it. Lengths are
    /// measured within `reach` of the face, as a noded face's vertices lie on its neighbours'
    /// segments only to rounding.
    func longestSharedBoundary(with face: GeosGeometry, reach: Double) throws -> Int? {
        let surroundings = try face.buffered(by: reach)
        var best: (index: Int, length: Double)?
        for index in tree.query(surroundings) {
            let shared = try boundaries[index].intersection(surroundings).length()
            if shared > (best?.length ?? 0) { best = (index, shared) }
        }
        return best?.index
    }
}
