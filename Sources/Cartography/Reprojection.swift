import Core
import CProj
import Foundation

/// A coordinate operation through PROJ, by default from WGS84 longitude/latitude (the
/// GeoJSON the producers publish) to Lambert-93, the official projection of metropolitan
/// France, in which areas and simplification tolerances are in square metres and metres.
///
/// Owns its PROJ context and operation and frees them in `deinit`. Not shared between
/// tasks: PROJ contexts are not thread-safe; make one per job.
public final class Reprojection {
    public let source: String
    public let target: String
    private let context: OpaquePointer
    private let operation: OpaquePointer
    private let log: ProjLog

    /// Lambert-93, EPSG:2154 (RGF93 v1 / Lambert-93).
    public static let lambert93 = "EPSG:2154"
    /// WGS84, EPSG:4326: with PROJ's normalised axis order, longitude then latitude as in GeoJSON.
    public static let wgs84 = "EPSG:4326"

    /// Prepares the operation from `source` to `target` (any definition PROJ reads: "EPSG:2154",
    /// a PROJ string, WKT), taking axes in longitude/easting-first order on both sides.
    /// `searchPaths` replaces the folders PROJ looks for proj.db in (Debian: /usr/share/proj).
    public init(from source: String = Reprojection.wgs84, to target: String = Reprojection.lambert93,
                searchPaths: [String]? = nil) throws {
        self.source = source
        self.target = target
        guard let context = proj_context_create() else {
            throw ObservatoireError(.projection, "PROJ could not create a context (out of memory?)")
        }
        let log = ProjLog()
        proj_log_func(context, Unmanaged.passUnretained(log).toOpaque()) { data, _, message in
            guard let data, let message else { return }
            Unmanaged<ProjLog>.fromOpaque(data).takeUnretainedValue().messages.append(String(cString: message))
        }
        if let searchPaths {
            let copies = searchPaths.map { strdup($0) }
            defer { copies.forEach { free($0) } }
            var pointers = copies.map { UnsafePointer($0) }
            proj_context_set_search_paths(context, Int32(pointers.count), &pointers)
        }
        func failure(_ code: ErrorCode, _ message: String) -> ObservatoireError {
            let number = proj_context_errno(context)
            let words = [number == 0 ? nil : proj_context_errno_string(context, number).map { String(cString: $0) }]
                .compactMap { $0 } + log.messages
            return ObservatoireError(code, message, cause: words.isEmpty ? nil : words.joined(separator: "; "))
        }
        guard proj_context_get_database_path(context) != nil else {
            let error = failure(.projDatabaseMissing,
                                "PROJ cannot find its database, proj.db (looked in \(searchPaths?.joined(separator: ", ") ?? "its default folders")): install Debian's proj-data package (scripts/setup-debian does), or set PROJ_DATA to the folder that holds proj.db")
            proj_context_destroy(context)
            throw error
        }
        guard let raw = proj_create_crs_to_crs(context, source, target, nil) else {
            let error = failure(.projection, "PROJ cannot make an operation from \(source) to \(target): check both CRS names (e.g. EPSG:4326, EPSG:2154)")
            proj_context_destroy(context)
            throw error
        }
        let normalised = proj_normalize_for_visualization(context, raw)
        proj_destroy(raw)
        guard let normalised else {
            let error = failure(.projection, "PROJ cannot put the operation from \(source) to \(target) in longitude/latitude order")
            proj_context_destroy(context)
            throw error
        }
        self.context = context
        self.operation = normalised
        self.log = log
    }

    deinit {
        proj_destroy(operation)
        proj_context_destroy(context)
    }

    /// The definition of `crs` ("EPSG:2154") in OGC WKT 1, as GeoPackage's
    /// `gpkg_spatial_ref_sys` and GIS tools read it, from PROJ's database.
    public func wkt(of crs: String) throws -> String {
        guard let object = proj_create(context, crs) else {
            throw ObservatoireError(.projection, "PROJ does not know the CRS \(crs)")
        }
        defer { proj_destroy(object) }
        guard let text = proj_as_wkt(context, object, PJ_WKT1_GDAL, nil) else {
            throw ObservatoireError(.projection, "PROJ cannot write the CRS \(crs) as WKT")
        }
        return String(cString: text)
    }

    /// One position, e.g. (longitude, latitude) to (easting, northing).
    public func project(_ coordinate: Coordinate) throws -> Coordinate {
        try project([coordinate])[0]
    }

    /// Many positions in one call to PROJ.
    public func project(_ coordinates: [Coordinate]) throws -> [Coordinate] {
        var xs = coordinates.map(\.x), ys = coordinates.map(\.y)
        try transform(&xs, &ys, label: nil)
        return zip(xs, ys).map { Coordinate(x: $0, y: $1) }
    }

    /// A geometry, every ring in one call to PROJ.
    public func project(_ geometry: MultiPolygon) throws -> MultiPolygon {
        try project(geometry, label: nil)
    }

    /// A feature's geometry; errors name the feature.
    public func project(_ feature: PolygonFeature) throws -> PolygonFeature {
        feature.with(geometry: try project(feature.geometry, label: feature.label))
    }

    private func project(_ geometry: MultiPolygon, label: String?) throws -> MultiPolygon {
        var xs: [Double] = [], ys: [Double] = []
        xs.reserveCapacity(geometry.vertexCount)
        ys.reserveCapacity(geometry.vertexCount)
        for polygon in geometry.polygons {
            for ring in polygon.rings {
                for position in ring { xs.append(position.x); ys.append(position.y) }
            }
        }
        try transform(&xs, &ys, label: label)
        var next = 0
        return geometry.map { _ in
            defer { next += 1 }
            return Coordinate(x: xs[next], y: ys[next])
        }
    }

    private func transform(_ xs: inout [Double], _ ys: inout [Double], label: String?) throws {
        let count = xs.count
        guard count > 0 else { return }
        proj_errno_reset(operation)
        log.messages.removeAll()
        let stride = MemoryLayout<Double>.stride
        let done = xs.withUnsafeMutableBufferPointer { x in
            ys.withUnsafeMutableBufferPointer { y in
                proj_trans_generic(operation, PJ_FWD, x.baseAddress, stride, count, y.baseAddress, stride, count,
                                   nil, 0, 0, nil, 0, 0)
            }
        }
        let number = proj_errno(operation)
        let failed = (0..<count).first { !xs[$0].isFinite || !ys[$0].isFinite }
        guard done == count, number == 0, failed == nil else {
            let words = [number == 0 ? nil : proj_context_errno_string(context, number).map { String(cString: $0) }]
                .compactMap { $0 } + log.messages
            let position = failed.map { " (position \($0 + 1) of \(count) cannot be projected)" } ?? ""
            throw ObservatoireError(.projection,
                                   "PROJ failed to project from \(source) to \(target)\(position): check that the coordinates are in \(source) and within its area of use",
                                   feature: label, cause: words.isEmpty ? nil : words.joined(separator: "; "))
        }
    }
}

/// PROJ's error messages, kept for the error that follows instead of printed on stderr.
final class ProjLog {
    var messages: [String] = []
}
