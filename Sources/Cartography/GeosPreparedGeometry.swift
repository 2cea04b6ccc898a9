import CGeos

/// A geometry prepared by GEOS for many predicates against it (its segments indexed once),
/// as each commune is when every face of the simplified coverage is tested against it.
///
/// Owned and destroyed in `deinit`; holds the geometry it was prepared from, which GEOS reads.
public final class GeosPreparedGeometry {
    public let geometry: GeosGeometry
    private let handle: OpaquePointer

    public init(_ geometry: GeosGeometry) throws {
        guard let handle = GEOSPrepare_r(geometry.context.handle, geometry.handle) else {
            throw geometry.context.failure("prepare a geometry")
        }
        self.geometry = geometry
        self.handle = handle
    }

    deinit {
        GEOSPreparedGeom_destroy_r(geometry.context.handle, handle)
    }

    public func contains(_ other: GeosGeometry) throws -> Bool {
        let result = GEOSPreparedContains_r(geometry.context.handle, handle, other.handle)
        guard result != 2 else { throw geometry.context.failure("test containment") }
        return result == 1
    }
}
