import GRDB

/// What the warehouse records about one file being loaded.
public struct FileLoad: Sendable {
    public var sourceID: String
    public var vintage: String
    public var name: String
    public var path: String
    public var sha256: String
    public var sizeBytes: Int
    public var encoding: String
    public var delimiter: String
    /// The COG vintage of the file's codes when known at load time, and how it is known.
    public var geography: Int?
    public var geographyBasis: String?

    public init(sourceID: String, vintage: String, name: String, path: String, sha256: String,
                sizeBytes: Int, encoding: String, delimiter: String, geography: Int? = nil, geographyBasis: String? = nil) {
        self.geography = geography
        self.geographyBasis = geographyBasis
        self.sourceID = sourceID
        self.vintage = vintage
        self.name = name
        self.path = path
        self.sha256 = sha256
        self.sizeBytes = sizeBytes
        self.encoding = encoding
        self.delimiter = delimiter
    }
}

/// Counts kept for a file once its rows are loaded.
public struct FileCounts: Sendable, Equatable {
    public var rowsRead = 0
    public var rowsLoaded = 0
    public var rowsRejected = 0

    public init(rowsRead: Int = 0, rowsLoaded: Int = 0, rowsRejected: Int = 0) {
        self.rowsRead = rowsRead
        self.rowsLoaded = rowsLoaded
        self.rowsRejected = rowsRejected
    }
}

/// The `files` table: which file was loaded, when, by which run, and what replaced it.
public enum FileJournal {
    /// The current load with this checksum for this source, if any: loading it again is a no-op.
    public static func currentFile(sha256: String, sourceID: String, _ db: Database) throws -> (fileID: Int64, name: String)? {
        let row = try Row.fetchOne(db, sql: """
            SELECT file_id, name FROM files WHERE sha256 = ? AND source_id = ? AND status = 'current'
            """, arguments: [sha256, sourceID])
        return row.map { ($0["file_id"], $0["name"]) }
    }

    /// One current load, named as the outputs name it.
    public struct LoadedFile: Sendable, Equatable {
        public let fileID: Int64
        public let sourceID: String
        public let name: String
    }

    /// The EPCI composition published for the 1 January of `vintage`: INSEE's preferred (it
    /// follows the COG), DGCL's otherwise, the latest load of it.
    public static func epciComposition(vintage: String, _ db: Database) throws -> LoadedFile? {
        try Row.fetchOne(db, sql: """
            SELECT f.file_id, f.source_id, f.name FROM files f
            WHERE f.status = 'current' AND f.vintage = ? AND EXISTS (SELECT 1 FROM epci_composition e WHERE e.file_id = f.file_id)
            ORDER BY f.source_id = 'insee-epci-composition' DESC, f.file_id DESC LIMIT 1
            """, arguments: [vintage]).map { LoadedFile(fileID: $0["file_id"], sourceID: $0["source_id"], name: $0["name"]) }
    }

    /// The other current compositions of the same 1 January as `fileID`, to compare with it.
    public static func epciCompositions(vintage: String, excluding fileID: Int64, _ db: Database) throws -> [LoadedFile] {
        try Row.fetchAll(db, sql: """
            SELECT f.file_id, f.source_id, f.name FROM files f WHERE f.status = 'current' AND f.vintage = ? AND f.file_id != ?
              AND EXISTS (SELECT 1 FROM epci_composition e WHERE e.file_id = f.file_id)
            """, arguments: [vintage, fileID]).map { LoadedFile(fileID: $0["file_id"], sourceID: $0["source_id"], name: $0["name"]) }
    }

    /// A current load of observations (or diagnostics) and the geography of its codes, once known.
    public struct ObservationLoad: Sendable {
        public let fileID: Int64
        public let sourceID: String
        public let vintage: String
        public let name: String
        public var geography: Int?
        /// How the geography is known: declared, given, or inferred (and how surely).
        public var geographyBasis: String?
    }

    /// Every current load of observations or diagnostics, oldest first: what normalise converts.
    public static func observationLoads(_ db: Database) throws -> [ObservationLoad] {
        try Row.fetchAll(db, sql: """
            SELECT f.file_id, f.source_id, f.vintage, f.name, f.geography, f.geography_basis
            FROM files f JOIN sources s USING (source_id)
            WHERE f.status = 'current' AND s.kind IN ('observations', 'diagnostics')
            ORDER BY f.file_id
            """).map { row in
            ObservationLoad(fileID: row["file_id"], sourceID: row["source_id"], vintage: row["vintage"], name: row["name"],
                            geography: row["geography"], geographyBasis: row["geography_basis"])
        }
    }

    /// Records the geography of a load's codes and how it is known (normalise infers it anew
    /// at every run when the load did not declare it).
    public static func setGeography(fileID: Int64, geography: Int, basis: String, _ db: Database) throws {
        try db.execute(sql: "UPDATE files SET geography = ?, geography_basis = ? WHERE file_id = ?", arguments: [geography, basis, fileID])
    }

    /// A current load with a variable `PMUN` (populations légales): what weighs splits and
    /// gives territories their population.
    public struct PopulationFile: Sendable, Equatable {
        public let fileID: Int64
        public let sourceID: String
        public let vintage: String
        public let geography: Int?
        public let variableID: Int64
    }

    /// Every current load with a `PMUN` variable, the latest vintage first.
    public static func populationFiles(_ db: Database) throws -> [PopulationFile] {
        try Row.fetchAll(db, sql: """
            SELECT f.file_id, f.source_id, f.vintage, f.geography, v.variable_id FROM files f
            JOIN variables v ON v.source_id = f.source_id AND v.code = 'PMUN'
            WHERE f.status = 'current' ORDER BY f.vintage DESC, f.file_id DESC
            """).map {
            PopulationFile(fileID: $0["file_id"], sourceID: $0["source_id"], vintage: $0["vintage"], geography: $0["geography"],
                           variableID: $0["variable_id"])
        }
    }

    /// The names of these loads, sorted.
    public static func names(of fileIDs: Set<Int64>, _ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT name FROM files WHERE file_id IN (SELECT value FROM json_each(?)) ORDER BY name",
                            arguments: [try SQLList.json(fileIDs.sorted())])
    }

    /// Per source: its current loads, latest vintage, last load and rows rejected.
    public struct SourceFreshness: Sendable, Equatable {
        public let source: String
        public let files: Int
        public let latestVintage: String
        /// When its most recent file was loaded (UTC, ISO 8601).
        public let loadedAt: String
        public let rowsRejected: Int
    }

    public static func freshness(_ db: Database) throws -> [SourceFreshness] {
        try Row.fetchAll(db, sql: """
            SELECT source_id, count(*), max(vintage), max(loaded_at), sum(rows_rejected) FROM files
            WHERE status = 'current' GROUP BY source_id ORDER BY source_id
            """).map {
            SourceFreshness(source: $0[0], files: $0[1], latestVintage: $0[2], loadedAt: $0[3], rowsRejected: $0[4] ?? 0)
        }
    }

    /// Every current load by id, source and checksum, in load order: what the loaded data
    /// is, for the fingerprint of the stages that read it.
    public static func currentChecksums(_ db: Database) throws -> [(fileID: Int64, sourceID: String, sha256: String)] {
        try Row.fetchAll(db, sql: "SELECT file_id, source_id, sha256 FROM files WHERE status = 'current' ORDER BY file_id")
            .map { ($0[0], $0[1], $0[2]) }
    }

    /// Whether a current load of this source has this size: only such a load can be the
    /// same file, so a file of another size needs no checksum before it is loaded.
    public static func hasCurrentFile(sizeBytes: Int, sourceID: String, _ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: """
            SELECT EXISTS (SELECT 1 FROM files WHERE size_bytes = ? AND source_id = ? AND status = 'current')
            """, arguments: [sizeBytes, sourceID]) ?? false
    }

    /// Stores the checksum and size of a file hashed while its records were loaded.
    public static func setDigest(fileID: Int64, sha256: String, sizeBytes: Int, _ db: Database) throws {
        try db.execute(sql: "UPDATE files SET sha256 = ?, size_bytes = ? WHERE file_id = ?", arguments: [sha256, sizeBytes, fileID])
    }

    /// The current load of one identity (source, vintage, file name), the one a new load
    /// of it replaces.
    public static func currentFileID(sourceID: String, vintage: String, name: String, _ db: Database) throws -> Int64? {
        try Int64.fetchOne(db, sql: """
            SELECT file_id FROM files WHERE source_id = ? AND vintage = ? AND name = ? AND status = 'current'
            """, arguments: [sourceID, vintage, name])
    }

    /// Records a new load and retires the previous load of the same identity (source,
    /// vintage, file name), deleting its rows: the caller's transaction makes the swap atomic.
    /// - Returns: the new file id, and the id of the load it replaces.
    public static func begin(_ load: FileLoad, runID: Int64, _ db: Database) throws -> (fileID: Int64, replaced: Int64?) {
        let previous = try currentFileID(sourceID: load.sourceID, vintage: load.vintage, name: load.name, db)
        if let previous {
            try db.execute(sql: "UPDATE files SET status = 'replaced' WHERE file_id = ?", arguments: [previous])
            try deleteRows(ofFile: previous, db)
        }
        try db.execute(sql: """
            INSERT INTO files (run_id, source_id, vintage, name, path, sha256, size_bytes, encoding, delimiter,
                               geography, geography_basis, loaded_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
            """, arguments: [runID, load.sourceID, load.vintage, load.name, load.path, load.sha256,
                             load.sizeBytes, load.encoding, load.delimiter, load.geography, load.geographyBasis])
        let fileID = db.lastInsertedRowID
        if let previous {
            try db.execute(sql: "UPDATE files SET replaced_by = ? WHERE file_id = ?", arguments: [fileID, previous])
        }
        return (fileID, previous)
    }

    /// Stores the final counts, the repairs applied and the time taken.
    public static func finish(fileID: Int64, counts: FileCounts, repairs: String?, seconds: Double, _ db: Database) throws {
        try db.execute(sql: """
            UPDATE files SET rows_read = ?, rows_loaded = ?, rows_rejected = ?, repairs = ?, seconds = ?
            WHERE file_id = ?
            """, arguments: [counts.rowsRead, counts.rowsLoaded, counts.rowsRejected, repairs, seconds, fileID])
    }

    /// Deletes everything a load put in the warehouse, keeping its `files` row as history.
    static func deleteRows(ofFile fileID: Int64, _ db: Database) throws {
        for table in ["observation_values", "observation_rows", "file_columns", "rejected_rows", "normalised_values", "normalised_rows",
                      "unmapped_codes", "diagnostics", "contour_features", "territory_contours"]
            + WarehouseSchema.referenceTables.keys.sorted() {
            try db.execute(sql: "DELETE FROM \(table) WHERE file_id = ?", arguments: [fileID])
        }
    }
}
