/// Why a layer cannot be read, reprojected or simplified: a code to switch on, what went
/// wrong and what to do, the file and the feature concerned, and the library's own words.
///
/// Modelled, like the project's other errors, on swift-nio's `FileSystemError`.
public struct CartographyError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable, Equatable {
        case cannotRead = "cannot-read"
        case notJSON = "not-json"
        case notFeatureCollection = "not-feature-collection"
        /// A `crs` member naming anything but WGS84 longitude/latitude.
        case unsupportedCRS = "unsupported-crs"
        case missingGeometry = "missing-geometry"
        /// A Point, LineString or anything but Polygon and MultiPolygon.
        case unsupportedGeometry = "unsupported-geometry"
        /// Coordinates that are not arrays of numbers, a ring of fewer than four positions.
        case malformedGeometry = "malformed-geometry"
        case unclosedRing = "unclosed-ring"
        case coordinateOutOfRange = "coordinate-out-of-range"
        /// A geometry GEOS finds invalid (self-intersection, ring crossing its holes …).
        case invalidGeometry = "invalid-geometry"
        /// PROJ cannot find its database, proj.db.
        case projDatabaseMissing = "proj-database-missing"
        case projection = "projection"
        case geos = "geos"
        /// Two features covering the same area beyond a sliver: not a partition of the territory.
        case overlappingFeatures = "overlapping-features"
        /// A feature left without any area (simplified away, or lying under others).
        case collapsedFeature = "collapsed-feature"
    }

    public var code: Code
    /// What went wrong, then what to do.
    public var message: String
    public var path: String?
    /// The feature concerned, as `PolygonFeature.label` names it.
    public var feature: String?
    /// PROJ's or GEOS's message, when one of them failed.
    public var cause: String?

    public init(_ code: Code, _ message: String, path: String? = nil, feature: String? = nil, cause: String? = nil) {
        self.code = code
        self.message = message
        self.path = path
        self.feature = feature
        self.cause = cause
    }

    public var description: String {
        var text = [path, feature].compactMap { $0 }.joined(separator: ": ")
        text += text.isEmpty ? message : ": \(message)"
        if let cause { text += " (\(cause))" }
        return text
    }
}
