/// A layer of polygons with typed attributes, as GIS formats (GeoPackage, GeoJSON) hold it:
/// what an export writes, independent of the file format.
public struct FeatureLayer: Sendable {
    /// A column of the layer's attribute table.
    public struct Field: Sendable, Equatable {
        public enum Kind: String, Sendable {
            case text = "TEXT", real = "REAL", integer = "INTEGER"
        }

        public var name: String
        public var kind: Kind

        public init(_ name: String, _ kind: Kind) {
            self.name = name
            self.kind = kind
        }
    }

    /// One attribute value; `null` where there is none (a value withheld, a secret).
    public enum Value: Sendable, Equatable {
        case text(String), real(Double), integer(Int64), null
    }

    public struct Feature: Sendable {
        /// Nil for a territory without a contour: written all the same, with its values,
        /// and an empty geometry, rather than left out.
        public var geometry: MultiPolygon?
        /// In the order of `fields`.
        public var values: [Value]

        public init(geometry: MultiPolygon?, values: [Value]) {
            self.geometry = geometry
            self.values = values
        }
    }

    /// The table name: letters, digits and `_`, starting with a letter.
    public var name: String
    public var title: String
    public var description: String
    /// The CRS of the coordinates, as "EPSG:2154".
    public var crs: String
    public var fields: [Field]
    public var features: [Feature]

    public init(name: String, title: String, description: String = "", crs: String, fields: [Field], features: [Feature] = []) {
        self.name = name
        self.title = title
        self.description = description
        self.crs = crs
        self.fields = fields
        self.features = features
    }

    /// The EPSG code of `crs` ("EPSG:2154" → 2154), if it is one.
    public var epsgCode: Int32? {
        let parts = crs.split(separator: ":")
        guard parts.count == 2, parts[0].uppercased() == "EPSG" else { return nil }
        return Int32(parts[1])
    }
}
