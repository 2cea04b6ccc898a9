import Core
import Foundation
import GRDB

/// Writes polygon layers as an OGC GeoPackage 1.3 (an SQLite file that QGIS, ArcGIS and
/// GDAL open as it is): the required tables (`gpkg_spatial_ref_sys`, `gpkg_contents`,
/// `gpkg_geometry_columns`), one feature table per layer, and each geometry as a
/// GeoPackage binary: its header (srs id, bounding box) then the WKB GEOS writes. The CRS
/// definitions come from PROJ's database.
public struct GeoPackageWriter {
    public init() {}

    /// Writes `layers` into a new file at `path` (which must not exist: the caller writes
    /// to a temporary name and moves it into place).
    public func write(_ layers: [FeatureLayer], to path: String) throws {
        let projection = try Reprojection()
        let context = try GeosContext()
        do {
            let database = try DatabaseQueue(path: path)
            try database.writeWithoutTransaction { db in
                // 'GPKG' and version 1.3.0, by which readers recognise the file.
                try db.execute(sql: "PRAGMA application_id = 1196444487")
                try db.execute(sql: "PRAGMA user_version = 10300")
            }
            try database.write { db in
                try Self.createCoreTables(db)
                var systems: Set<Int32> = [4326, -1, 0]
                for layer in layers {
                    guard let srs = layer.epsgCode else {
                        throw ObservatoireError(.geoPackage, "layer \(layer.name): its CRS \(layer.crs) is no EPSG code")
                    }
                    if !systems.contains(srs) {
                        try Self.insertSystem(srs, definition: try projection.wkt(of: layer.crs), db)
                        systems.insert(srs)
                    }
                    try Self.write(layer, srs: srs, context: context, db)
                }
            }
            try database.close()
        } catch let error as DatabaseError {
            throw ObservatoireError(.geoPackage, "cannot write the GeoPackage \(path)", cause: error.message)
        }
    }

    private static func createCoreTables(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE gpkg_spatial_ref_sys (
                srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
                organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
            CREATE TABLE gpkg_contents (
                table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
                description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
                min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
                CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
            CREATE TABLE gpkg_geometry_columns (
                table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
                srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
                CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
                CONSTRAINT uk_gc_table_name UNIQUE (table_name),
                CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
                CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
            """)
        // The three systems every GeoPackage declares (the specification's requirement 11).
        try db.execute(sql: """
            INSERT INTO gpkg_spatial_ref_sys VALUES
                ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system'),
                ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system')
            """)
        try insertSystem(4326, definition: try Reprojection().wkt(of: "EPSG:4326"), db)
    }

    private static func insertSystem(_ code: Int32, definition: String, _ db: Database) throws {
        let name = definition.firstMatch(of: /^[A-Z]+\["([^"]+)"/).map { String($0.1) } ?? "EPSG:\(code)"
        try db.execute(sql: "INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, 'EPSG', ?, ?, ?)",
                       arguments: [name, code, code, definition, name])
    }

    private static func write(_ layer: FeatureLayer, srs: Int32, context: GeosContext, _ db: Database) throws {
        guard layer.name.wholeMatch(of: /[A-Za-z][A-Za-z0-9_]*/) != nil,
              layer.fields.allSatisfy({ $0.name.wholeMatch(of: /[A-Za-z][A-Za-z0-9_]*/) != nil }) else {
            throw ObservatoireError(.geoPackage, "layer \(layer.name): a table or column name is not letters, digits and _")
        }
        let columns = layer.fields.map { "\"\($0.name)\" \($0.kind.rawValue)" }
        try db.execute(sql: "CREATE TABLE \"\(layer.name)\" (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom MULTIPOLYGON"
            + columns.map { ", " + $0 }.joined() + ")")
        let placeholders = Array(repeating: "?", count: layer.fields.count + 1).joined(separator: ", ")
        let insert = try db.makeStatement(sql: "INSERT INTO \"\(layer.name)\" (geom\(layer.fields.map { ", \"\($0.name)\"" }.joined())) VALUES (\(placeholders))")
        var extent: Envelope?
        for feature in layer.features {
            var arguments: [(any DatabaseValueConvertible)?] = [nil]
            if let polygons = feature.geometry {
                let geometry = try GeosGeometry(polygons, in: context)
                let envelope = try geometry.envelope()
                extent = extent.map { $0.union(envelope) } ?? envelope
                arguments[0] = Data(binary(srs: srs, envelope: envelope, wkb: try geometry.wkb()))
            }
            for value in feature.values {
                switch value {
                case .text(let text): arguments.append(text)
                case .real(let number): arguments.append(number)
                case .integer(let number): arguments.append(number)
                case .null: arguments.append(nil)
                }
            }
            try insert.execute(arguments: StatementArguments(arguments))
        }
        try db.execute(sql: """
            INSERT INTO gpkg_contents (table_name, data_type, identifier, description, min_x, min_y, max_x, max_y, srs_id)
            VALUES (?, 'features', ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [layer.name, layer.title, layer.description, extent?.minX, extent?.minY, extent?.maxX, extent?.maxY, srs])
        try db.execute(sql: "INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', 'MULTIPOLYGON', ?, 0, 0)", arguments: [layer.name, srs])
    }

    /// A GeoPackage binary: "GP", version 0, flags (little-endian, an envelope of
    /// minx, maxx, miny, maxy), the srs id, the envelope, then the WKB.
    static func binary(srs: Int32, envelope: Envelope, wkb: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = [0x47, 0x50, 0, 0b0000_0011]
        bytes.reserveCapacity(40 + wkb.count)
        withUnsafeBytes(of: srs.littleEndian) { bytes.append(contentsOf: $0) }
        for bound in [envelope.minX, envelope.maxX, envelope.minY, envelope.maxY] {
            withUnsafeBytes(of: bound.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
        }
        return bytes + wkb
    }
}
