import Core

/// Makes polygons that should tile a territory into an exact coverage: every border shared
/// by both neighbours position for position, no overlap, no sliver between them.
///
/// Published contours are often not one: the communes of the Bassin minier were simplified
/// one by one upstream, so neighbours' borders cross back and forth within a few metres
/// (about a thousand slivers of gap and 600 overlapping pairs among 330 communes). Simplifying
/// such borders as shared edges first needs them to be shared. The layer's boundaries are
/// noded, the faces they enclose found (polygonize), and each face given to one polygon: the
/// one containing it; of two that overlap there, the larger; for a sliver of gap no wider than
/// `maximumGapWidth`, the neighbour it runs along longest. Wider gaps stay holes of the
/// territory (an enclave of a commune outside the layer); wider overlaps are an error, as the
/// layer is then not a partition at all (a commune twice, two vintages mixed).
public struct CoverageCleaner: Sendable {
    /// Widest sliver, as mean width (2 × area / perimeter, in the units of the coordinates:
    /// metres in Lambert-93), closed as a gap or settled as an overlap.
    public var maximumGapWidth: Double

    public init(maximumGapWidth: Double = 10) {
        self.maximumGapWidth = maximumGapWidth
    }

    /// What a cleaning did.
    public struct Report: Sendable, Equatable {
        /// Faces of the noded layer.
        public var faces = 0
        /// Faces covered by two polygons or more, each given to one of them.
        public var overlapsSettled = 0
        /// Slivers covered by none, each given to a neighbour.
        public var gapsClosed = 0
        /// Faces covered by none and wider than a sliver, left out.
        public var holesKept = 0
    }

    /// The features with their geometries made into an exact coverage, in the same order.
    public func clean(_ features: [PolygonFeature]) throws -> (features: [PolygonFeature], report: Report) {
        let context = try GeosContext()
        let polygons = try features.map { try GeosGeometry($0.geometry, in: context) }
        let (cleaned, report) = try clean(polygons, labels: features.map(\.label), in: context)
        return (try zip(features, cleaned).map { try $0.with(geometry: $1.multiPolygon()) }, report)
    }

    func clean(_ polygons: [GeosGeometry], labels: [String], in context: GeosContext) throws -> ([GeosGeometry], Report) {
        var report = Report()
        let linework = try GeosGeometry.union(polygons.map { try $0.boundary() }, in: context)
        let faces = try linework.polygonized().components()
        report.faces = faces.count
        let index = try CoverageIndex(polygons, in: context)
        var facesOf = [[GeosGeometry]](repeating: [], count: polygons.count)
        var gaps: [GeosGeometry] = []
        for face in faces {
            let owners = try index.owners(of: face)
            if owners.count == 1 {
                facesOf[owners[0]].append(face)
                continue
            }
            let width = try 2 * face.area() / face.length()
            if owners.isEmpty {
                if width <= maximumGapWidth { gaps.append(face) } else { report.holesKept += 1 }
                continue
            }
            guard width <= maximumGapWidth else {
                let area = try face.area()
                throw ObservatoireError(.overlappingFeatures,
                                       "overlaps \(owners.dropFirst().map { labels[$0] }.joined(separator: ", ")) on \(Int(area.rounded())) m² (mean width \(Int(width.rounded())) m, more than the \(maximumGapWidth) of a sliver): the layer is not a partition; check that no area appears twice and that all features are of one vintage",
                                       feature: labels[owners[0]])
            }
            let largest = try owners.max { try polygons[$0].area() < polygons[$1].area() }
            if let largest { facesOf[largest].append(face) }
            report.overlapsSettled += 1
        }
        for gap in gaps {
            if let neighbour = try index.longestSharedBoundary(with: gap, reach: maximumGapWidth / 1000) {
                facesOf[neighbour].append(gap)
                report.gapsClosed += 1
            } else {
                report.holesKept += 1
            }
        }
        let cleaned = try facesOf.enumerated().map { offset, faces in
            guard !faces.isEmpty else {
                throw ObservatoireError(.collapsedFeature,
                                       "lies entirely under other features: the layer is not a partition; check that no area appears twice",
                                       feature: labels[offset])
            }
            return try faces.count == 1 ? faces[0] : GeosGeometry.union(faces, in: context)
        }
        return (cleaned, report)
    }
}
