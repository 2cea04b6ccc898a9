import Foundation
import GRDB

/// The contours: features of contours files as ingest loaded them (`contour_features`), and
/// each territory's contour on a geography as normalise made it (`territory_contours`).
public enum ContourStore {
    /// Inserts the features of one contours file, its statement prepared once.
    public struct FeatureWriter {
        private let insert: Statement
        private let fileID: Int64

        public init(fileID: Int64, _ db: Database) throws {
            self.fileID = fileID
            insert = try db.makeStatement(sql: """
                INSERT INTO contour_features (file_id, feature, level, code, name, geometry, vertices) VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
        }

        public func write(feature: Int, level: String, code: String, name: String?, wkb: [UInt8], vertices: Int) throws {
            try insert.execute(arguments: [fileID, feature, level, code, name, Data(wkb), vertices])
        }
    }

    /// One feature as loaded, with the file it comes from.
    public struct Feature: Sendable {
        public let fileID: Int64
        public let fileName: String
        /// The COG vintage of the file's codes, when declared or given at ingest.
        public let declaredGeography: Int?
        public let feature: Int
        public let code: String
        public let name: String?
        public let wkb: [UInt8]
    }

    /// The features of the current contours files of `level`, the most recent file first
    /// then in file order: where two files have a code, normalise keeps the first.
    public static func currentFeatures(level: String, _ db: Database) throws -> [Feature] {
        try Row.fetchAll(db, sql: """
            SELECT c.file_id, f.name, f.geography, c.feature, c.code, c.name AS feature_name, c.geometry
            FROM contour_features c JOIN files f ON f.file_id = c.file_id
            WHERE f.status = 'current' AND c.level = ?
            ORDER BY f.file_id DESC, c.feature
            """, arguments: [level]).map { row in
            Feature(fileID: row["file_id"], fileName: row["name"], declaredGeography: row["geography"], feature: row["feature"],
                    code: row["code"], name: row["feature_name"], wkb: [UInt8](row["geometry"] as Data))
        }
    }

    /// Replaces the contours of a geography.
    public static func replace(geography: Int, with contours: [TerritoryContour], _ db: Database) throws {
        try db.execute(sql: "DELETE FROM territory_contours WHERE geography = ?", arguments: [geography])
        let insert = try db.makeStatement(sql: """
            INSERT INTO territory_contours (geography, territory, file_id, geometry, basis) VALUES (?, ?, ?, ?, ?)
            """)
        for contour in contours {
            try insert.execute(arguments: [geography, contour.territory, contour.fileID, Data(contour.wkb), contour.basis])
        }
    }

    /// The contours of `territories` on a geography (those that have one).
    public static func contours(of territories: [String], geography: Int, _ db: Database) throws -> [TerritoryContour] {
        try Row.fetchAll(db, sql: """
            SELECT territory, file_id, geometry, basis FROM territory_contours
            WHERE geography = ? AND territory IN (SELECT value FROM json_each(?)) ORDER BY territory
            """, arguments: [geography, SQLList.json(territories)]).map { row in
            TerritoryContour(territory: row["territory"], fileID: row["file_id"], wkb: [UInt8](row["geometry"] as Data), basis: row["basis"])
        }
    }

    /// How many territories of each level have a contour on a geography.
    public static func counts(geography: Int, _ db: Database) throws -> [String: Int] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT t.level, count(*) FROM territory_contours c JOIN territories t ON t.geography = c.geography AND t.territory = c.territory
            WHERE c.geography = ? GROUP BY t.level
            """, arguments: [geography])
        return Dictionary(uniqueKeysWithValues: rows.map { ($0[0] as String, $0[1] as Int) })
    }
}

/// A territory's contour on a geography, and how it was made.
public struct TerritoryContour: Sendable, Equatable {
    public let territory: String
    public let fileID: Int64
    /// ISO WKB, WGS84 longitude/latitude.
    public let wkb: [UInt8]
    /// "feature 12 of communes-mbm.geojson", "union of 62001, 62002 (COG 2023)", "union of its 36 communes".
    public let basis: String

    public init(territory: String, fileID: Int64, wkb: [UInt8], basis: String) {
        self.territory = territory
        self.fileID = fileID
        self.wkb = wkb
        self.basis = basis
    }
}
