import CGeos

/// Conversions between the project's `MultiPolygon` and GEOS, ring by ring through GEOS's
/// buffer copies (one call per ring, not one per position).
extension GeosGeometry {
    /// A GEOS MultiPolygon holding `geometry`'s polygons.
    public convenience init(_ geometry: MultiPolygon, in context: GeosContext) throws {
        let ctx = context.handle
        var polygons: [OpaquePointer?] = []
        do {
            for polygon in geometry.polygons { polygons.append(try Self.makePolygon(polygon, ctx, context)) }
        } catch {
            polygons.forEach { GEOSGeom_destroy_r(ctx, $0) }
            throw error
        }
        // The collection takes ownership of the polygons (and frees them if it fails).
        let made = polygons.withUnsafeMutableBufferPointer {
            GEOSGeom_createCollection_r(ctx, Int32(GEOS_MULTIPOLYGON.rawValue), $0.baseAddress, UInt32($0.count))
        }
        guard let made else { throw context.failure("make a MultiPolygon") }
        self.init(owning: made, in: context)
    }

    /// A coordinate sequence holding `positions`, owned by the caller.
    static func makeSequence(_ positions: [Coordinate], _ context: GeosContext) throws -> OpaquePointer {
        var buffer: [Double] = []
        buffer.reserveCapacity(positions.count * 2)
        for position in positions { buffer.append(position.x); buffer.append(position.y) }
        guard let sequence = GEOSCoordSeq_copyFromBuffer_r(context.handle, buffer, UInt32(positions.count), 0, 0) else {
            throw context.failure("copy \(positions.count) positions")
        }
        return sequence
    }

    private static func makePolygon(_ polygon: Polygon, _ ctx: OpaquePointer, _ context: GeosContext) throws -> OpaquePointer {
        // A ring takes ownership of its sequence, a polygon of its rings, even when they fail.
        func ring(_ positions: [Coordinate]) throws -> OpaquePointer {
            let sequence = try makeSequence(positions, context)
            guard let ring = GEOSGeom_createLinearRing_r(ctx, sequence) else { throw context.failure("make a ring") }
            return ring
        }
        let shell = try ring(polygon.exterior)
        var holes: [OpaquePointer?] = []
        do {
            for hole in polygon.holes { holes.append(try ring(hole)) }
        } catch {
            GEOSGeom_destroy_r(ctx, shell)
            holes.forEach { GEOSGeom_destroy_r(ctx, $0) }
            throw error
        }
        let made = holes.withUnsafeMutableBufferPointer {
            GEOSGeom_createPolygon_r(ctx, shell, $0.baseAddress, UInt32($0.count))
        }
        guard let made else { throw context.failure("make a polygon") }
        return made
    }

    /// This geometry's polygons: of a Polygon, a MultiPolygon, or a collection of them (empty
    /// parts and lines or points left out, as a union of faces may hold none of them anyway).
    public func multiPolygon() throws -> MultiPolygon {
        var polygons: [Polygon] = []
        try collectPolygons(handle, into: &polygons)
        return MultiPolygon(polygons)
    }

    private func collectPolygons(_ geometry: OpaquePointer, into polygons: inout [Polygon]) throws {
        let ctx = context.handle
        let type = GEOSGeomTypeId_r(ctx, geometry)
        switch type {
        case Int32(GEOS_POLYGON.rawValue):
            guard GEOSisEmpty_r(ctx, geometry) == 0 else { return }
            guard let exterior = GEOSGetExteriorRing_r(ctx, geometry) else { throw context.failure("read an exterior ring") }
            let holeCount = GEOSGetNumInteriorRings_r(ctx, geometry)
            guard holeCount >= 0 else { throw context.failure("count holes") }
            let holes = try (0..<holeCount).map { index in
                guard let hole = GEOSGetInteriorRingN_r(ctx, geometry, index) else { throw context.failure("read a hole") }
                return try positions(of: hole)
            }
            polygons.append(Polygon(exterior: try positions(of: exterior), holes: holes))
        case Int32(GEOS_MULTIPOLYGON.rawValue), Int32(GEOS_GEOMETRYCOLLECTION.rawValue):
            let count = GEOSGetNumGeometries_r(ctx, geometry)
            guard count >= 0 else { throw context.failure("count the parts of a geometry") }
            for index in 0..<count {
                guard let part = GEOSGetGeometryN_r(ctx, geometry, index) else { throw context.failure("read a part") }
                try collectPolygons(part, into: &polygons)
            }
        case -1:
            throw context.failure("read a geometry type")
        default:
            return
        }
    }

    /// The positions of a ring or line (borrowed from its geometry, copied out).
    func positions(of ring: OpaquePointer) throws -> [Coordinate] {
        let ctx = context.handle
        guard let sequence = GEOSGeom_getCoordSeq_r(ctx, ring) else { throw context.failure("read a ring's positions") }
        var size: UInt32 = 0
        guard GEOSCoordSeq_getSize_r(ctx, sequence, &size) == 1 else { throw context.failure("count a ring's positions") }
        var buffer = [Double](repeating: 0, count: Int(size) * 2)
        guard size == 0 || GEOSCoordSeq_copyToBuffer_r(ctx, sequence, &buffer, 0, 0) == 1 else {
            throw context.failure("copy a ring's positions")
        }
        return (0..<Int(size)).map { Coordinate(x: buffer[2 * $0], y: buffer[2 * $0 + 1]) }
    }
}
