import Core
import Foundation
import Yams

/// A custom territory declared in `pipelines/zones/*.yaml`: a list of communes, the
/// communes of a list of EPCIs, or the codes held by one property of a GeoJSON or column
/// of a CSV file (paths relative to the zone file).
public struct ZoneDefinition: Sendable, Decodable, Equatable {
    public var id: String
    public var label: String
    /// Who draws the perimeter, and from which document.
    public var source: String?
    public var notes: String?
    /// The COG vintage of the commune codes listed (or of the EPCI composition used).
    public var geography: Int
    public var communes: [String]?
    public var epci: [String]?
    public var file: CodeFile?

    public struct CodeFile: Sendable, Decodable, Equatable {
        /// A `.geojson` (codes in a feature property) or a `;`/`,` CSV (codes in a column).
        public var path: String
        /// The property or column holding commune codes.
        public var property: String
    }

    /// How the zone's members are given, resolved to commune codes or EPCI codes.
    public enum Members: Sendable, Equatable {
        case communes([String])
        case epci([String])
    }

    /// The members, reading the code file when the zone names one.
    /// - Parameter directory: the folder of the zone file, for relative paths.
    public func members(directory: String) throws -> Members {
        if let communes { return .communes(communes) }
        if let epci { return .epci(epci) }
        guard let file else { preconditionFailure("validated by ZoneCatalog") }
        let path = file.path.hasPrefix("/") ? file.path : URL(fileURLWithPath: directory).appendingPathComponent(file.path).path
        return .communes(try Self.codes(in: path, property: file.property, zone: id))
    }

    private static func codes(in path: String, property: String, zone: String) throws -> [String] {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ObservatoireError(.invalidDefinition, "zone \(zone): cannot read its code file: \(error.localizedDescription)", path: path)
        }
        if path.hasSuffix(".geojson") || path.hasSuffix(".json") {
            guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let features = root["features"] as? [[String: Any]] else {
                throw ObservatoireError(.invalidDefinition, "zone \(zone): not a GeoJSON FeatureCollection", path: path)
            }
            return try features.enumerated().map { index, feature in
                let properties = feature["properties"] as? [String: Any]
                guard let code = properties?[property] as? String else {
                    throw ObservatoireError(.invalidDefinition, "zone \(zone): feature \(index + 1) has no text property '\(property)' (codes must be text: 01001, not 1001)", path: path)
                }
                return code
            }
        }
        var text = String(decoding: data, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let lines = text.split(whereSeparator: \.isNewline)
        guard let header = lines.first else { throw ObservatoireError(.invalidDefinition, "zone \(zone): empty code file", path: path) }
        let separator: Character = header.contains(";") ? ";" : ","
        guard let column = header.split(separator: separator, omittingEmptySubsequences: false)
            .firstIndex(where: { $0.trimmingCharacters(in: .init(charactersIn: "\" ")) == property }) else {
            throw ObservatoireError(.invalidDefinition, "zone \(zone): no column '\(property)' in the code file", path: path)
        }
        return lines.dropFirst().map { line in
            let fields = line.split(separator: separator, omittingEmptySubsequences: false)
            return column < fields.count ? fields[column].trimmingCharacters(in: .init(charactersIn: "\" ")) : ""
        }
    }
}

/// The zones declared under `pipelines/zones/`.
public struct ZoneCatalog: Sendable {
    public let zones: [ZoneDefinition]
    public let directory: String

    /// Loads every `*.yaml` of `directory`; a missing folder means no zones.
    public init(directory: String) throws {
        self.directory = directory
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        var zones: [ZoneDefinition] = []
        for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            let path = URL(fileURLWithPath: directory).appendingPathComponent(name).path
            let zone: ZoneDefinition
            do {
                zone = try YAMLDecoder().decode(ZoneDefinition.self, from: try String(contentsOfFile: path, encoding: .utf8))
            } catch {
                throw ObservatoireError(.invalidDefinition, "cannot read this zone definition: \(error)", path: path)
            }
            guard zone.id.range(of: "^[a-z0-9][a-z0-9-]*$", options: .regularExpression) != nil else {
                throw ObservatoireError(.invalidDefinition, "zone id '\(zone.id)' must be lower-case letters, digits and dashes", path: path)
            }
            guard [zone.communes != nil, zone.epci != nil, zone.file != nil].filter({ $0 }).count == 1 else {
                throw ObservatoireError(.invalidDefinition, "zone \(zone.id) needs exactly one of communes:, epci: or file:", path: path)
            }
            if zones.contains(where: { $0.id == zone.id }) {
                throw ObservatoireError(.invalidDefinition, "zone id '\(zone.id)' is defined twice", path: path)
            }
            zones.append(zone)
        }
        self.zones = zones
    }
}
