import Core

/// Failures of reading, reprojecting or simplifying a layer.
extension ErrorCode {
    public static let cannotRead = ErrorCode("cannot-read", remedy: "check the path and that this user may read the layer")
    public static let notJSON = ErrorCode("not-json", remedy: "give a GeoJSON file (a FeatureCollection in WGS84), as published or exported by QGIS or ogr2ogr")
    public static let notFeatureCollection = ErrorCode(
        "not-feature-collection", remedy: "give a GeoJSON FeatureCollection; ogr2ogr -f GeoJSON converts other layers")
    /// A `crs` member naming anything but WGS84 longitude/latitude.
    public static let unsupportedCRS = ErrorCode(
        "unsupported-crs", remedy: "export the layer in WGS84 (EPSG:4326), as RFC 7946 asks: ogr2ogr -t_srs EPSG:4326")
    public static let missingGeometry = ErrorCode("missing-geometry", remedy: "give every feature its polygon, or leave the feature out of the layer")
    /// A Point, LineString or anything but Polygon and MultiPolygon.
    public static let unsupportedGeometry = ErrorCode(
        "unsupported-geometry", remedy: "contours are Polygon or MultiPolygon features; points and lines belong to another layer")
    /// Coordinates that are not arrays of numbers, a ring of fewer than four positions.
    public static let malformedGeometry = ErrorCode("malformed-geometry", remedy: "repair the feature named (QGIS: Fix geometries) and export the layer again")
    public static let unclosedRing = ErrorCode("unclosed-ring", remedy: "repair the feature named (QGIS: Fix geometries) and export the layer again")
    public static let coordinateOutOfRange = ErrorCode(
        "coordinate-out-of-range", remedy: "the layer is probably projected (Lambert-93 metres): export it in WGS84 degrees")
    /// A geometry GEOS finds invalid (self-intersection, ring crossing its holes …).
    public static let invalidGeometry = ErrorCode("invalid-geometry", remedy: "repair the feature named (QGIS: Fix geometries, or ST_MakeValid) and export the layer again")
    /// PROJ cannot find its database, proj.db.
    public static let projDatabaseMissing = ErrorCode(
        "proj-database-missing", remedy: "install PROJ's data (Debian proj-data, through scripts/setup-debian) or set PROJ_DATA to its folder")
    public static let projection = ErrorCode("projection", remedy: "check the coordinates of the feature named: PROJ could not transform them")
    public static let geos = ErrorCode("geos", remedy: "check the geometry of the feature named: GEOS could not process it")
    /// Two features covering the same area beyond a sliver: not a partition of the territory.
    public static let overlappingFeatures = ErrorCode(
        "overlapping-features", remedy: "contours must not overlap: give one layer of communes of one COG vintage")
    /// A feature left without any area (simplified away, or lying under others).
    public static let collapsedFeature = ErrorCode("collapsed-feature", remedy: "simplify less (a smaller tolerance), or check the feature named")
    /// A GeoPackage or GeoJSON file could not be written (disk, permissions, a layer's names).
    public static let geoPackage = ErrorCode("geopackage", remedy: "check that the output folder is writable and has room, then export again")
}
