import CGeos

/// Well-Known Binary, the encoding GeoPackage and PostGIS store geometries in, written by
/// GEOS's own WKB writer.
extension GeosGeometry {
    /// ISO WKB, little-endian, two dimensions.
    public func wkb() throws -> [UInt8] {
        guard let writer = GEOSWKBWriter_create_r(context.handle) else { throw context.failure("make a WKB writer") }
        defer { GEOSWKBWriter_destroy_r(context.handle, writer) }
        GEOSWKBWriter_setByteOrder_r(context.handle, writer, Int32(GEOS_WKB_NDR.rawValue))
        GEOSWKBWriter_setOutputDimension_r(context.handle, writer, 2)
        GEOSWKBWriter_setFlavor_r(context.handle, writer, Int32(GEOS_WKB_ISO.rawValue))
        var size = 0
        guard let bytes = GEOSWKBWriter_write_r(context.handle, writer, handle, &size) else { throw context.failure("write WKB") }
        defer { GEOSFree_r(context.handle, bytes) }
        return Array(UnsafeBufferPointer(start: bytes, count: size))
    }

    /// The bounding box: (minimum x, maximum x, minimum y, maximum y), GeoPackage's order.
    public func envelope() throws -> Envelope {
        var envelope = Envelope(minX: 0, maxX: 0, minY: 0, maxY: 0)
        guard GEOSGeom_getExtent_r(context.handle, handle, &envelope.minX, &envelope.minY, &envelope.maxX, &envelope.maxY) == 1 else {
            throw context.failure("measure an extent")
        }
        return envelope
    }
}

/// A bounding box in the units of its coordinates.
public struct Envelope: Sendable, Equatable {
    public var minX: Double
    public var maxX: Double
    public var minY: Double
    public var maxY: Double

    public init(minX: Double, maxX: Double, minY: Double, maxY: Double) {
        self.minX = minX
        self.maxX = maxX
        self.minY = minY
        self.maxY = maxY
    }

    /// The box holding both.
    public func union(_ other: Envelope) -> Envelope {
        Envelope(minX: min(minX, other.minX), maxX: max(maxX, other.maxX), minY: min(minY, other.minY), maxY: max(maxY, other.maxY))
    }
}
