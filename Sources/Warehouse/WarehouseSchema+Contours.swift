extension WarehouseSchema {
    /// Migration 017: the contours of communes and other territories, as a source like
    /// any other and then on the geography of `normalise`.
    ///
    /// - `contour_features`: each feature of a contours file as published (GeoJSON in
    ///   WGS84), its code and name, its geometry as ISO WKB (little-endian, longitude then
    ///   latitude), checked valid by GEOS at ingest.
    /// - `territory_contours`: the contour of each territory of a geography. A commune
    ///   whose code is the same in the file's COG vintage takes its feature; a commune
    ///   made of several older communes (a merger since) takes the union of theirs; an
    ///   EPCI, a département, a zone take the union of their communes. `basis` says which.
    ///   A commune split since the file's vintage gets none: `normalise` says so.
    static let contours = """
        CREATE TABLE contour_features (
            file_id   INTEGER NOT NULL REFERENCES files,
            feature   INTEGER NOT NULL,
            level     TEXT NOT NULL,
            code      TEXT NOT NULL,
            name      TEXT,
            geometry  BLOB NOT NULL,
            vertices  INTEGER NOT NULL,
            PRIMARY KEY (file_id, feature)
        ) WITHOUT ROWID;
        CREATE INDEX contour_features_by_code ON contour_features (level, code);

        CREATE TABLE territory_contours (
            geography  INTEGER NOT NULL,
            territory  TEXT NOT NULL,
            file_id    INTEGER NOT NULL REFERENCES files,
            geometry   BLOB NOT NULL,
            basis      TEXT NOT NULL,
            PRIMARY KEY (geography, territory)
        ) WITHOUT ROWID;
        CREATE INDEX territory_contours_by_file ON territory_contours (file_id);
        """
}

extension WarehouseSchema {
    /// Migration 018: the outline of each cité of a reference list, as the list publishes
    /// it (ISO WKB, WGS84), so that maps draw the cités.
    static let citeShapes = """
        ALTER TABLE cite_references ADD COLUMN geometry BLOB;
        """
}
