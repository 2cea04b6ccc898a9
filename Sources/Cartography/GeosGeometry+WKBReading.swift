import CGeos

extension GeosGeometry {
    /// The geometry WKB `bytes` encode, read by GEOS.
    public convenience init(wkb bytes: [UInt8], in context: GeosContext) throws {
        let ctx = context.handle
        guard let reader = GEOSWKBReader_create_r(ctx) else { throw context.failure("make a WKB reader") }
        defer { GEOSWKBReader_destroy_r(ctx, reader) }
        let made = bytes.withUnsafeBufferPointer { GEOSWKBReader_read_r(ctx, reader, $0.baseAddress, $0.count) }
        guard let made else { throw context.failure("read WKB") }
        self.init(owning: made, in: context)
    }
}

extension GeosGeometry {
    /// The position of a point (as `pointOnSurface` gives).
    public func coordinate() throws -> Coordinate {
        var x = 0.0, y = 0.0
        guard GEOSGeomGetX_r(context.handle, handle, &x) == 1, GEOSGeomGetY_r(context.handle, handle, &y) == 1 else {
            throw context.failure("read a point's position")
        }
        return Coordinate(x: x, y: y)
    }
}
