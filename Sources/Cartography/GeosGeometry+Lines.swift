import CGeos

/// Conversions between lines as positions and GEOS: the edges of a coverage, taken out to be
/// split where GEOS's simplifier needs a fixed point, and put back.
extension GeosGeometry {
    /// A GEOS MultiLineString of `lines`, each of two positions or more.
    public static func multiLineString(_ lines: [[Coordinate]], in context: GeosContext) throws -> GeosGeometry {
        let ctx = context.handle
        var made: [OpaquePointer?] = []
        made.reserveCapacity(lines.count)
        do {
            for line in lines {
                // A line takes ownership of its sequence, even when it fails.
                let sequence = try makeSequence(line, context)
                guard let geometry = GEOSGeom_createLineString_r(ctx, sequence) else { throw context.failure("make a line") }
                made.append(geometry)
            }
        } catch {
            made.forEach { GEOSGeom_destroy_r(ctx, $0) }
            throw error
        }
        // The collection takes ownership of the lines (and frees them if it fails).
        let collection = made.withUnsafeMutableBufferPointer {
            GEOSGeom_createCollection_r(ctx, Int32(GEOS_MULTILINESTRING.rawValue), $0.baseAddress, UInt32($0.count))
        }
        return try context.own(collection, "make a MultiLineString")
    }

    /// The positions of each line of a LineString or MultiLineString.
    public func lines() throws -> [[Coordinate]] {
        let ctx = context.handle
        switch GEOSGeomTypeId_r(ctx, handle) {
        case Int32(GEOS_LINESTRING.rawValue), Int32(GEOS_LINEARRING.rawValue):
            return [try positions(of: handle)]
        case Int32(GEOS_MULTILINESTRING.rawValue), Int32(GEOS_GEOMETRYCOLLECTION.rawValue):
            return try (0..<componentCount()).flatMap { index in
                guard let part = GEOSGetGeometryN_r(ctx, handle, Int32(index)) else { throw context.failure("read a line") }
                let type = GEOSGeomTypeId_r(ctx, part)
                guard type == Int32(GEOS_LINESTRING.rawValue) || type == Int32(GEOS_LINEARRING.rawValue) else { return [[Coordinate]]() }
                return [try positions(of: part)]
            }
        case -1:
            throw context.failure("read a geometry type")
        default:
            return []
        }
    }
}
