import Foundation

/// Writes a polygon layer as RFC 7946 GeoJSON: WGS84 longitude/latitude (no `crs`
/// member), exterior rings counterclockwise and holes clockwise, positions to 7 decimals
/// (about a centimetre), properties typed (numbers as numbers, `null` where there is none).
public struct GeoJSONWriter {
    public init() {}

    /// The FeatureCollection of `layer`, whose coordinates must be WGS84 longitude/latitude.
    public func data(of layer: FeatureLayer) -> Data {
        var out = "{\"type\":\"FeatureCollection\",\"name\":\(Self.quoted(layer.name)),\"features\":["
        for (index, feature) in layer.features.enumerated() {
            if index > 0 { out += "," }
            out += "\n{\"type\":\"Feature\",\"properties\":{"
            for (position, (field, value)) in zip(layer.fields, feature.values).enumerated() {
                if position > 0 { out += "," }
                out += Self.quoted(field.name) + ":" + Self.json(value)
            }
            if let geometry = feature.geometry {
                out += "},\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":["
                out += geometry.polygons.map(Self.coordinates).joined(separator: ",")
                out += "]}}"
            } else {
                out += "},\"geometry\":null}"
            }
        }
        out += "\n]}\n"
        return Data(out.utf8)
    }

    private static func coordinates(_ polygon: Polygon) -> String {
        let rings = [oriented(polygon.exterior, counterclockwise: true)] + polygon.holes.map { oriented($0, counterclockwise: false) }
        return "[" + rings.map { ring in
            "[" + ring.map { "[\(decimal($0.x)),\(decimal($0.y))]" }.joined(separator: ",") + "]"
        }.joined(separator: ",") + "]"
    }

    /// The ring in the winding RFC 7946 asks for (its section 3.1.6), by the sign of its area.
    static func oriented(_ ring: [Coordinate], counterclockwise: Bool) -> [Coordinate] {
        var twiceArea = 0.0
        for (a, b) in zip(ring, ring.dropFirst()) { twiceArea += a.x * b.y - b.x * a.y }
        return (twiceArea > 0) == counterclockwise ? ring : ring.reversed()
    }

    private static func decimal(_ value: Double) -> String {
        var text = String(format: "%.7f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    private static func json(_ value: FeatureLayer.Value) -> String {
        switch value {
        case .text(let text): quoted(text)
        case .real(let number): number.isFinite ? "\(number)" : "null"
        case .integer(let number): "\(number)"
        case .null: "null"
        }
    }

    private static func quoted(_ text: String) -> String {
        let data = try? JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])
        return data.map { String(decoding: $0.dropFirst().dropLast(), as: UTF8.self) } ?? "\"\""
    }
}
