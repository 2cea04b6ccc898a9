import CGeos

/// GEOS's packed R-tree over the envelopes of many geometries, answering which of them may
/// touch a given one: the candidates, before an exact predicate, when faces are matched to
/// communes (330 here, 35,000 for France).
///
/// Owned and destroyed in `deinit`; keeps the indexed geometries alive as long as it lives.
public final class GeosSTRtree {
    public let context: GeosContext
    private let handle: OpaquePointer
    private var indexed: [GeosGeometry] = []

    public init(in context: GeosContext, nodeCapacity: Int = 10) throws {
        guard let handle = GEOSSTRtree_create_r(context.handle, nodeCapacity) else {
            throw context.failure("create an R-tree")
        }
        self.context = context
        self.handle = handle
    }

    deinit {
        GEOSSTRtree_destroy_r(context.handle, handle)
    }

    /// Indexes `geometry` as item `indexed.count` (0, 1, 2 … in insertion order). Every insert
    /// must come before the first query, which builds the tree.
    public func insert(_ geometry: GeosGeometry) {
        // Items are positions + 1 carried in the pointer: GEOS never dereferences them.
        GEOSSTRtree_insert_r(context.handle, handle, geometry.handle, UnsafeMutableRawPointer(bitPattern: indexed.count + 1))
        indexed.append(geometry)
    }

    /// The positions of the geometries whose envelope meets `geometry`'s, in ascending order.
    public func query(_ geometry: GeosGeometry) -> [Int] {
        let found = FoundItems()
        GEOSSTRtree_query_r(context.handle, handle, geometry.handle, { item, data in
            guard let data else { return }
            Unmanaged<FoundItems>.fromOpaque(data).takeUnretainedValue().positions.append(Int(bitPattern: item) - 1)
        }, Unmanaged.passUnretained(found).toOpaque())
        return found.positions.sorted()
    }
}

/// What one query found, filled by GEOS's callback.
private final class FoundItems {
    var positions: [Int] = []
}
