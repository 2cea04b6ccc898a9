import Core
import Foundation

/// The properties of the features of a GeoJSON FeatureCollection, as text (numbers as
/// written, null left out). Geometries are not read: the reference lists are used for
/// their names and communes.
public struct GeoJSONFeatures: Sendable {
    public let path: String
    public let properties: [[String: String]]

    public init(path: String) throws {
        self.path = path
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ObservatoireError(.cites, "cannot read the GeoJSON file: \(error.localizedDescription)", path: path)
        }
        let document: Any
        do {
            document = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw ObservatoireError(.cites, "not valid JSON: \((error as NSError).userInfo[NSDebugDescriptionErrorKey] ?? error.localizedDescription)", path: path)
        }
        guard let object = document as? [String: Any], object["type"] as? String == "FeatureCollection",
              let features = object["features"] as? [Any] else {
            throw ObservatoireError(.cites, "not a GeoJSON FeatureCollection (expected {\"type\": \"FeatureCollection\", \"features\": […]})", path: path)
        }
        properties = try features.enumerated().map { index, feature in
            guard let feature = feature as? [String: Any], let properties = feature["properties"] as? [String: Any] else {
                throw ObservatoireError(.cites, "feature \(index + 1) has no properties object", path: path)
            }
            return properties.compactMapValues { value in
                switch value {
                case let text as String: text
                case let number as NSNumber: number.stringValue
                default: nil
                }
            }
        }
    }
}
