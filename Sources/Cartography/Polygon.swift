/// A polygon as GeoJSON and GEOS hold it: an exterior ring and its holes, each ring closed
/// (its last position repeats its first), so that it goes to GEOS without copying logic.
public struct Polygon: Sendable, Hashable {
    public var exterior: [Coordinate]
    public var holes: [[Coordinate]]

    public init(exterior: [Coordinate], holes: [[Coordinate]] = []) {
        self.exterior = exterior
        self.holes = holes
    }

    /// Every ring, the exterior first.
    public var rings: [[Coordinate]] { [exterior] + holes }

    /// Positions counted as stored, the closing one of each ring included (as GEOS counts them).
    public var vertexCount: Int { exterior.count + holes.reduce(0) { $0 + $1.count } }

    /// The same polygon with every position passed through `transform`.
    public func map(_ transform: (Coordinate) throws -> Coordinate) rethrows -> Polygon {
        Polygon(exterior: try exterior.map(transform), holes: try holes.map { try $0.map(transform) })
    }
}
