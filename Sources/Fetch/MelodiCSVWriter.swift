import Catalog
import Core
import Foundation

/// Writes the Melodi API's observations, page after page, as the data file INSEE publishes
/// (`GEO;GEO_OBJECT;FILOSOFI_MEASURE;UNIT_MEASURE;UNIT_MULT;CONF_STATUS;OBS_STATUS;
/// TIME_PERIOD;OBS_VALUE`, `;`-separated), so that `ingest` reads an API answer exactly as
/// it reads the archive. Only the page being written is in memory.
///
/// The columns come from the source's definition: GEO and GEO_OBJECT (split from the API's
/// `2025-COM-62498`), its dimensions, its `ignore:` columns, the attributes the reader uses
/// and TIME_PERIOD, OBS_VALUE. A dimension the definition does not know refuses the answer —
/// dropping it could merge observations; an attribute it does not know (DECIMALS …) only
/// qualifies a value, and is left out and reported.
final class MelodiCSVWriter {
    /// What the API said that the file cannot hold: not worth another request.
    struct Refusal: Error, CustomStringConvertible {
        let description: String
    }

    let columns: [String]
    /// Attributes of the answer that the file's layout has no column for.
    private(set) var leftOut: Set<String> = []
    private(set) var written = 0
    private let handle: FileHandle
    private let position: [String: Int]
    private let geoIndex = 0, geoObjectIndex = 1
    private let valueIndex: Int
    private let geography: Int?
    private let source: String

    /// Creates (or empties) `path` and writes the header.
    init(path: String, definition: SourceDefinition) throws {
        let rule = SourceDefinition.MelodiRule.self
        let dimensions = definition.melodi?.dimensions ?? []
        var columns = [rule.geo, rule.geoObject] + dimensions
        var taken = Set(columns.map { $0.uppercased() }).union(rule.readColumns.map { $0.uppercased() })
        for column in definition.ignore ?? [] where taken.insert(column.uppercased()).inserted {
            columns.append(column)
        }
        columns += [rule.unitMultiplier, rule.confStatusColumn, rule.obsStatusColumn, rule.timePeriod, rule.value]
        self.columns = columns
        position = Dictionary(columns.enumerated().map { ($1.uppercased(), $0) }, uniquingKeysWith: { first, _ in first })
        valueIndex = columns.count - 1
        geography = definition.geography.flatMap { $0.geography(vintage: definition.vintage.fixed ?? "") }
        source = definition.id
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw ObservatoireError(.download, "cannot write \(path)")
        }
        self.handle = handle
        try handle.write(contentsOf: Data((Self.line(columns) + "\n").utf8))
    }

    deinit { try? handle.close() }

    /// Appends one page's observations.
    func write(_ observations: [MelodiPage.Observation]) throws {
        var text = ""
        for observation in observations {
            text += Self.line(try row(of: observation))
            text += "\n"
        }
        try handle.write(contentsOf: Data(text.utf8))
        written += observations.count
    }

    /// Flushes the file to disk before it is given its name.
    func finish() throws {
        try handle.synchronize()
        try handle.close()
    }

    private func row(of observation: MelodiPage.Observation) throws -> [String] {
        var row = Array(repeating: "", count: columns.count)
        for (name, value) in observation.dimensions {
            let key = name.uppercased()
            if key == SourceDefinition.MelodiRule.geo {
                let (object, code) = try territory(value.text)
                row[geoIndex] = code
                if row[geoObjectIndex].isEmpty { row[geoObjectIndex] = object }
            } else if let index = position[key], index != valueIndex {
                row[index] = value.text
            } else {
                throw Refusal(description: "the answer has a dimension \(name) (\(value.text)) that source \(source) does not declare: add it to melodi.dimensions (it makes the variable code) or to ignore: (one code only), else observations that differ by it would merge")
            }
        }
        for (name, value) in observation.attributes ?? [:] {
            if let index = position[name.uppercased()], index != geoIndex, index != valueIndex {
                row[index] = value.text
            } else {
                leftOut.insert(name)
            }
        }
        let measures = observation.measures ?? [:]
        guard measures.count <= 1 else {
            throw Refusal(description: "the answer gives several measures per observation (\(measures.keys.sorted().joined(separator: ", "))), where the data file has one OBS_VALUE")
        }
        row[valueIndex] = measures.values.first.flatMap { $0?.value?.text } ?? ""
        guard !row[geoIndex].isEmpty else {
            throw Refusal(description: "an observation has no GEO: \(observation.dimensions.map { "\($0.key)=\($0.value.text)" }.sorted().joined(separator: ", "))")
        }
        return row
    }

    /// `2025-COM-62498` (GEO_REF-GEO_OBJECT-GEO, as the API writes it) or `COM-62498` →
    /// (`COM`, `62498`); a GEO_REF other than the source's geography refuses the answer,
    /// since its codes would be read on the wrong COG.
    private func territory(_ geo: String) throws -> (String, String) {
        let parts = geo.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        if parts.count >= 3, parts[0].count == 4, let reference = Int(parts[0]) {
            if let geography, reference != geography {
                throw Refusal(description: "GEO \(geo) is in the géographie \(reference), where source \(source) declares geography: \(geography): its codes would be read on the wrong COG; declare a source of géographie \(reference)")
            }
            return (parts[1], parts[2...].joined(separator: "-"))
        }
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw Refusal(description: "GEO '\(geo)' is neither GEO_REF-GEO_OBJECT-CODE (2025-COM-62498) nor GEO_OBJECT-CODE (COM-62498)")
        }
        return (parts[0], parts[1])
    }

    /// One line of `;`-separated fields, quoted where a field needs it (or all of them).
    static func line(_ fields: [String], quoted: Bool = false) -> String {
        fields.map { field in
            guard quoted || field.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
            return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: ";")
    }
}
