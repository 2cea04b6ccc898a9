/// What an analyst asks `export` for.
public struct ExportRequest: Sendable {
    public enum Level: String, Sendable, CaseIterable {
        case commune, arrondissement, epci, departement, region, france, zone

        /// The level as stored in `territories`.
        public var code: String {
            switch self {
            case .commune: "COM"
            case .arrondissement: "ARM"
            case .epci: "EPCI"
            case .departement: "DEP"
            case .region: "REG"
            case .france: "FR"
            case .zone: "ZONE"
            }
        }
    }

    public enum Format: String, Sendable, CaseIterable {
        case csv, xlsx, json
        /// On the territories' contours: an OGC GeoPackage (Lambert-93), RFC 7946 GeoJSON (WGS84).
        case gpkg, geojson
    }

    public var indicators: [String]
    public var level: Level
    /// A canonical territory id (`ZONE:bassin-minier`); `FR` for everything.
    public var within: String
    public var geography: Int
    /// One row per territory (and period) with a column per indicator, instead of one
    /// row per territory × indicator × period.
    public var wide: Bool
    /// CSV for French Excel: `;`, decimal comma, BOM, CRLF.
    public var excel: Bool

    public init(indicators: [String], level: Level, within: String, geography: Int, wide: Bool = false, excel: Bool = false) {
        self.indicators = indicators
        self.level = level
        self.within = within
        self.geography = geography
        self.wide = wide
        self.excel = excel
    }
}
