/// Where in a published file something went wrong: file, line, column and value, or the
/// feature of a geometry layer, as every error about input names them.
public struct InputLocation: Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var line: Int?
    public var column: String?
    public var value: String?
    /// A feature of a geometry layer, as `PolygonFeature.label` names it.
    public var feature: String?

    public init(path: String, line: Int? = nil, column: String? = nil, value: String? = nil, feature: String? = nil) {
        self.path = path
        self.line = line
        self.column = column
        self.value = value
        self.feature = feature
    }

    /// `file.csv:12, column MED21, value 'abc'`, or `layer.geojson: feature 62498 Lens`.
    public var description: String {
        var text = path
        if let line { text += ":\(line)" }
        if let column { text += ", column \(column)" }
        if let value { text += ", value '\(value.prefix(80))'" }
        if let feature { text += text.isEmpty ? feature : ": \(feature)" }
        return text
    }
}
