import Foundation
import Territories
import Warehouse

/// Everything a portrait shows of one territory, read from the warehouse and not yet
/// formatted: every output (HTML, Markdown, CSV, XLSX, `report_portrait`) is made from it.
public struct Portrait: Sendable {
    /// A choropleth of the portrait: an indicator over the communes of the territory (or,
    /// for a commune, of its EPCI), as self-contained SVG.
    public struct Map: Sendable {
        public let indicator: String
        public let title: String
        public let svg: String
    }

    /// An indicator as the warehouse describes it.
    public struct Indicator: Sendable, Equatable {
        public let id: String
        public let label: String
        public let unit: String
        public let aggregation: String
        /// Digits after the decimal separator in workbooks (`indicators.decimals`).
        public var decimals = 1

        /// A count (stock) is written whole and has no specificity index.
        public var isCount: Bool { aggregation == "stock" }
    }

    /// One value of `v_indicator_values`: a number only when `status` is `ok` or `partial`.
    public struct Value: Sendable, Equatable {
        public let value: Double?
        public let status: String
        public let estimate: Bool
        public let coverage: Double?
        /// Known issues of the source values (`known issue ID`, `; `-separated).
        public let flags: String?
        /// Share of an estimate imputed or extrapolated rather than observed.
        public var estimatedShare: Double? = nil
        /// The territory's communes in the geography and in full.
        public var communes: Int? = nil
        public var communesExpected: Int? = nil
    }

    /// A rank among peers: `position` of `count` (1 = highest value) among the
    /// territories of `level` in `scope`.
    public struct Rank: Sendable, Equatable {
        public let position: Int
        public let count: Int
        public let level: String
        public let scope: Territory

        /// `COM in EPCI:246200364`, as stored in `report_portrait.rank_scope`.
        public var scopeID: String { "\(level) in \(scope.id)" }
    }

    /// An indicator of a section for the period shown (the latest the territory has).
    public struct Entry: Sendable {
        public let indicator: Indicator
        public let period: String
        public let subject: Value
        /// Aligned with `Portrait.references`; nil where the reference has no value.
        public let references: [Value?]
        public let previousPeriod: String?
        /// Value minus the value of `previousPeriod`, in the indicator's unit.
        public let evolution: Double?
        public let rank: Rank?
        /// Subject value / value of the first reference (rates and means only).
        public let specificity: Double?
        /// Among the indicators whose specificity is furthest from 1.
        public var highlighted = false
        /// The territory's `ok` values of every period, oldest first, for a time series.
        public var history: [(period: String, value: Double)] = []
    }

    public struct Section: Sendable {
        public let title: String
        public var entries: [Entry]
        /// The indicator of the section's chart, when it has a value.
        public let chart: String?
    }

    /// A member commune of an EPCI or zone with the layout's `members` indicators.
    public struct Member: Sendable {
        public let territory: Territory
        /// Aligned with `Portrait.memberIndicators`.
        public let values: [Value?]
    }

    /// A source the shown indicators were computed from, with its vintage and files.
    public struct Source: Sendable, Equatable {
        public let label: String
        public let publisher: String?
        public let vintage: String
        public let files: [String]
    }

    /// When and by what a portrait was made, stated at the foot of every format.
    public struct Production: Sendable, Equatable {
        /// When the portrait job made it (shown in UTC).
        public let date: Date
        /// The run of the portrait job (`runs.run_id`), the one `report_portrait.run_id` records.
        public let runID: Int64
        /// The version of Observatoire that made it (`SoftwareVersion.current`).
        public let software: String

        public init(date: Date, runID: Int64, software: String) {
            self.date = date
            self.runID = runID
            self.software = software
        }
    }

    public let title: String
    public let subject: Territory
    /// EPCI, départements, régions, France and zones the territory belongs to.
    public let parents: [Territory]
    public let communeCount: Int
    /// The latest `population` value, with its period.
    public let population: (value: Value, period: String)?
    public let references: [Territory]
    public var sections: [Section]
    public let memberIndicators: [Indicator]
    public let members: [Member]
    public let sources: [Source]
    /// Reasons of the known issues in `flags`, by issue id.
    public let knownIssues: [String: String]
    public let production: Production
    /// The maps of the layout that could be drawn (contours loaded, values computed).
    public var maps: [Map] = []

    public var geography: Int { subject.geography }
    public var entries: [Entry] { sections.flatMap(\.entries) }
}
