/// The geometry of one area (a commune, an EPCI): one polygon or several. A GeoJSON Polygon
/// is read as a MultiPolygon of one, so that every later stage handles a single shape.
public struct MultiPolygon: Sendable, Hashable {
    public var polygons: [Polygon]

    public init(_ polygons: [Polygon]) {
        self.polygons = polygons
    }

    public var vertexCount: Int { polygons.reduce(0) { $0 + $1.vertexCount } }

    /// The same geometry with every position passed through `transform`.
    public func map(_ transform: (Coordinate) throws -> Coordinate) rethrows -> MultiPolygon {
        MultiPolygon(try polygons.map { try $0.map(transform) })
    }
}
