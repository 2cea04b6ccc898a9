/// One position of a geometry: longitude and latitude in degrees for WGS84, easting and
/// northing in metres once projected (x first, as GeoJSON and PROJ's normalised order do).
public struct Coordinate: Sendable, Hashable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}
