import Core
import Foundation
import Yams

/// What a portrait shows and in which order, read from `pipelines/reports/portrait.yaml`
/// so that an analyst changes sections and indicators without recompiling.
public struct PortraitLayout: Sendable, Decodable {
    public struct Section: Sendable, Decodable {
        public var title: String
        public var indicators: [String]
        /// The indicator of the section's bar chart (HTML), if any.
        public var chart: String?
    }

    public var title: String
    /// Zones (`ZONE:…`) shown as references for territories inside them.
    public var referenceZones: [String]
    /// How many indicators the specificity index highlights.
    public var highlights: Int
    public var sections: [Section]
    /// Indicators of the table of member communes (EPCI and zone portraits).
    public var members: [String]
    /// Indicators mapped over the communes of an EPCI or zone portrait; a commune's portrait
    /// maps the first over its EPCI, the commune outlined.
    public var maps: [String]

    enum CodingKeys: String, CodingKey {
        case title, highlights, sections, members, maps
        case referenceZones = "reference_zones"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        title = try container.decode(String.self, forKey: .title)
        referenceZones = try container.decode([String].self, forKey: .referenceZones)
        highlights = try container.decode(Int.self, forKey: .highlights)
        sections = try container.decode([Section].self, forKey: .sections)
        members = try container.decode([String].self, forKey: .members)
        maps = try container.decodeIfPresent([String].self, forKey: .maps) ?? []
    }

    /// Every indicator of the sections, in order.
    public var indicators: [String] { sections.flatMap(\.indicators) }

    public init(path: String) throws {
        do {
            self = try YAMLDecoder().decode(Self.self, from: try String(contentsOfFile: path, encoding: .utf8))
        } catch {
            throw ObservatoireError(.report, "cannot read this portrait layout: \(error)", path: path)
        }
        var seen: Set<String> = []
        for id in indicators where !seen.insert(id).inserted {
            throw ObservatoireError(.report, "indicator '\(id)' is listed twice: a portrait shows each indicator once", path: path)
        }
        for section in sections {
            if section.indicators.isEmpty { throw ObservatoireError(.report, "section '\(section.title)' lists no indicator", path: path) }
            if let chart = section.chart, !section.indicators.contains(chart) {
                throw ObservatoireError(.report, "section '\(section.title)': its chart '\(chart)' is not one of its indicators", path: path)
            }
        }
        if let zone = referenceZones.first(where: { !$0.hasPrefix("ZONE:") }) {
            throw ObservatoireError(.report, "reference_zones: '\(zone)' is not a zone id (ZONE:…)", path: path)
        }
    }
}
