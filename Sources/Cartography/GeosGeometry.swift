import CGeos

/// One GEOS geometry, owned: destroyed in `deinit`. The operations the maps need, each
/// checking GEOS's return code and throwing GEOS's message when a call fails.
public final class GeosGeometry {
    public let context: GeosContext
    let handle: OpaquePointer

    /// Takes ownership of `handle`, a geometry made in `context`.
    init(owning handle: OpaquePointer, in context: GeosContext) {
        self.handle = handle
        self.context = context
    }

    deinit {
        GEOSGeom_destroy_r(context.handle, handle)
    }

    private var ctx: OpaquePointer { context.handle }

    // MARK: Measures and predicates

    /// Area in the square units of the coordinates (m² in Lambert-93).
    public func area() throws -> Double {
        var area = 0.0
        guard GEOSArea_r(ctx, handle, &area) == 1 else { throw context.failure("measure an area") }
        return area
    }

    /// Length of lines, or perimeter of polygons, in the units of the coordinates.
    public func length() throws -> Double {
        var length = 0.0
        guard GEOSLength_r(ctx, handle, &length) == 1 else { throw context.failure("measure a length") }
        return length
    }

    /// Positions of every ring and line, closing positions included.
    public func vertexCount() throws -> Int {
        let count = GEOSGetNumCoordinates_r(ctx, handle)
        guard count >= 0 else { throw context.failure("count vertices") }
        return Int(count)
    }

    /// Parts of a collection (1 for a single polygon or line).
    public func componentCount() throws -> Int {
        let count = GEOSGetNumGeometries_r(ctx, handle)
        guard count >= 0 else { throw context.failure("count the parts of a geometry") }
        return Int(count)
    }

    public func isEmpty() throws -> Bool {
        try predicate(GEOSisEmpty_r(ctx, handle), "test emptiness")
    }

    /// OGC validity: no self-intersection, holes inside their shell, parts not overlapping.
    public func isValid() throws -> Bool {
        try predicate(GEOSisValid_r(ctx, handle), "test validity")
    }

    /// Why the geometry is invalid, in GEOS's words ("Self-intersection[x y]"), or "Valid Geometry".
    public func validityReason() throws -> String {
        guard let reason = GEOSisValidReason_r(ctx, handle) else { throw context.failure("explain validity") }
        defer { GEOSFree_r(ctx, reason) }
        return String(cString: reason)
    }

    /// Shortest distance between the two geometries, in the units of the coordinates.
    public func distance(to other: GeosGeometry) throws -> Double {
        var distance = 0.0
        guard GEOSDistance_r(ctx, handle, other.handle, &distance) == 1 else { throw context.failure("measure a distance") }
        return distance
    }

    public func contains(_ other: GeosGeometry) throws -> Bool {
        try predicate(GEOSContains_r(ctx, handle, other.handle), "test containment")
    }

    public func intersects(_ other: GeosGeometry) throws -> Bool {
        try predicate(GEOSIntersects_r(ctx, handle, other.handle), "test intersection")
    }

    private func predicate(_ result: CChar, _ operation: String) throws -> Bool {
        guard result != 2 else { throw context.failure(operation) }
        return result == 1
    }

    // MARK: Operations, each returning a new geometry

    public func boundary() throws -> GeosGeometry {
        try context.own(GEOSBoundary_r(ctx, handle), "take a boundary")
    }

    public func intersection(_ other: GeosGeometry) throws -> GeosGeometry {
        try context.own(GEOSIntersection_r(ctx, handle, other.handle), "intersect two geometries")
    }

    public func difference(_ other: GeosGeometry) throws -> GeosGeometry {
        try context.own(GEOSDifference_r(ctx, handle, other.handle), "subtract a geometry")
    }

    /// The union of every part of this geometry (of a collection, all its members at once).
    public func unaryUnion() throws -> GeosGeometry {
        try context.own(GEOSUnaryUnion_r(ctx, handle), "union a collection")
    }

    /// Lines joined end to end where exactly two meet: one line per edge between nodes.
    public func lineMerge() throws -> GeosGeometry {
        try context.own(GEOSLineMerge_r(ctx, handle), "merge lines")
    }

    /// Everything within `distance` of this geometry (rounded joins, 8 segments a quadrant).
    public func buffered(by distance: Double) throws -> GeosGeometry {
        try context.own(GEOSBuffer_r(ctx, handle, distance, 8), "buffer a geometry")
    }

    /// A point guaranteed inside a polygon (not its centroid, which may fall outside).
    public func pointOnSurface() throws -> GeosGeometry {
        try context.own(GEOSPointOnSurface_r(ctx, handle), "find a point on a surface")
    }

    /// Douglas-Peucker on this geometry alone: may make it invalid, and moves each side of
    /// an edge shared with a neighbour differently (the naive way, for comparison).
    public func simplified(tolerance: Double) throws -> GeosGeometry {
        try context.own(GEOSSimplify_r(ctx, handle, tolerance), "simplify a geometry")
    }

    /// Douglas-Peucker that keeps topology within this geometry: line ends stay, parts do
    /// not cross, rings do not collapse.
    public func topologyPreservingSimplified(tolerance: Double) throws -> GeosGeometry {
        try context.own(GEOSTopologyPreserveSimplify_r(ctx, handle, tolerance), "simplify preserving topology")
    }

    /// The faces the lines of this geometry enclose, as a collection of polygons.
    public func polygonized() throws -> GeosGeometry {
        var lines: [OpaquePointer?] = [handle]
        return try context.own(GEOSPolygonize_r(ctx, &lines, 1), "polygonize lines")
    }

    /// The polygons that lines enclose, nested rings making holes (even-odd): the area a
    /// polygon's own edges outline.
    public func builtArea() throws -> GeosGeometry {
        try context.own(GEOSBuildArea_r(ctx, handle), "build an area from lines")
    }

    /// A point geometry.
    public static func point(_ coordinate: Coordinate, in context: GeosContext) throws -> GeosGeometry {
        try context.own(GEOSGeom_createPointFromXY_r(context.handle, coordinate.x, coordinate.y), "make a point")
    }

    /// Copies of the parts of a collection (the geometry itself when it is not one).
    public func components() throws -> [GeosGeometry] {
        try (0..<componentCount()).map { index in
            guard let part = GEOSGetGeometryN_r(ctx, handle, Int32(index)) else { throw context.failure("read part \(index + 1)") }
            return try context.own(GEOSGeom_clone_r(ctx, part), "copy a part")
        }
    }

    public func clone() throws -> GeosGeometry {
        try context.own(GEOSGeom_clone_r(ctx, handle), "copy a geometry")
    }

    /// A GeometryCollection of copies of `geometries`.
    public static func collection(_ geometries: [GeosGeometry], in context: GeosContext) throws -> GeosGeometry {
        try collection(geometries, type: GEOS_GEOMETRYCOLLECTION, in: context)
    }

    /// The union of all `geometries` in one pass of GEOS's cascaded union.
    public static func union(_ geometries: [GeosGeometry], in context: GeosContext) throws -> GeosGeometry {
        try collection(geometries, in: context).unaryUnion()
    }

    static func collection(_ geometries: [GeosGeometry], type: GEOSGeomTypes, in context: GeosContext) throws -> GeosGeometry {
        var copies: [OpaquePointer?] = []
        copies.reserveCapacity(geometries.count)
        for geometry in geometries {
            guard let copy = GEOSGeom_clone_r(context.handle, geometry.handle) else {
                copies.forEach { GEOSGeom_destroy_r(context.handle, $0) }
                throw context.failure("copy a geometry")
            }
            copies.append(copy)
        }
        // The collection takes ownership of the copies (and frees them if it fails).
        let made = copies.withUnsafeMutableBufferPointer {
            GEOSGeom_createCollection_r(context.handle, Int32(type.rawValue), $0.baseAddress, UInt32($0.count))
        }
        return try context.own(made, "make a collection")
    }
}
