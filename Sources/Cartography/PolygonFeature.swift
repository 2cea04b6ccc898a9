/// One feature of a polygon layer: its geometry and its properties as text, with where it
/// came from (file and position), so that every later error can name it.
public struct PolygonFeature: Sendable, Hashable {
    /// Position in the file's `features` array, from 1.
    public var index: Int
    /// Properties as text (numbers as written; null, booleans, arrays and objects left out).
    public var properties: [String: String]
    /// The feature's own `id` member, when it has one.
    public var featureID: String?
    public var geometry: MultiPolygon

    public init(index: Int, properties: [String: String], featureID: String? = nil, geometry: MultiPolygon) {
        self.index = index
        self.properties = properties
        self.featureID = featureID
        self.geometry = geometry
    }

    /// Properties that identify an area, first found first: the commune or EPCI code
    /// before any generic id.
    public static let identifierKeys = ["insee", "code_insee", "insee_com", "INSEE_COM", "code", "code_siren", "siren", "id"]

    /// The code that identifies this feature (its `insee` property for a commune), if any.
    public var identifier: String? {
        for key in Self.identifierKeys { if let value = properties[key], !value.isEmpty { return value } }
        return featureID
    }

    /// How errors name this feature: "feature 12 (insee 62498, Lens)".
    public var label: String { Self.label(index: index, properties: properties, featureID: featureID) }

    static func label(index: Int, properties: [String: String], featureID: String?) -> String {
        var details: [String] = []
        if let (key, value) = identifierKeys.lazy.compactMap({ key in properties[key].flatMap { $0.isEmpty ? nil : (key, $0) } }).first {
            details.append("\(key) \(value)")
        } else if let featureID {
            details.append("id \(featureID)")
        }
        if let name = properties["nom"] ?? properties["name"] { details.append(name) }
        return details.isEmpty ? "feature \(index)" : "feature \(index) (\(details.joined(separator: ", ")))"
    }

    /// The same feature with another geometry (reprojected, simplified).
    public func with(geometry: MultiPolygon) -> PolygonFeature {
        PolygonFeature(index: index, properties: properties, featureID: featureID, geometry: geometry)
    }
}
