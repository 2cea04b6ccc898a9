import Core
import Indicators
import Warehouse

/// Published supra-communal values against the values derived from their communes
/// (`v_reconciliation`): the published value is the one the warehouse gives; the gap
/// says how far the communes' sum, ratio or estimate is from it.
public struct Reconciliation: Sendable {
    /// One published value and what its communes give.
    public struct Gap: Sendable, Equatable {
        public let indicator: String
        public let territory: String
        public let name: String
        public let period: String
        public let published: Double
        public let derived: Double
        public let unit: String
        public var gap: Double { derived - published }
        public var relativeGap: Double? { published == 0 ? nil : gap / abs(published) }
    }

    /// Per indicator: how many published values were compared and how many differ.
    public struct Summary: Sendable, Equatable {
        public let indicator: String
        public let compared: Int
        public let differing: Int
        public let largestRelativeGap: Double?
    }

    public let geography: Int
    /// Values whose relative gap exceeds the tolerance, largest first.
    public let gaps: [Gap]
    public let summaries: [Summary]

    /// Reads the reconciliation of one geography (the latest by default), for some
    /// indicators (all by default); gaps within `tolerance` (relative) are counted as agreeing.
    public init(warehouse: Warehouse, geography requested: Int? = nil, indicators: [String]? = nil, tolerance: Double = 0) throws {
        (geography, gaps, summaries) = try warehouse.read { db in
            guard let geography = try requested ?? ReconciliationStore.latestComputedGeography(db) else {
                throw ObservatoireError(.indicator, "no indicator values yet: run `observatoire compute` first")
            }
            if let indicators {
                let known = try IndicatorStore.recordedIndicatorIDs(db)
                if let unknown = indicators.first(where: { !known.contains($0) }) {
                    throw ObservatoireError(.indicator, "no computed indicator '\(unknown)': check `observatoire indicators list` and run `observatoire compute`")
                }
            }
            let all = try ReconciliationStore.comparisons(geography: geography, indicators: indicators, db).map {
                Gap(indicator: $0.indicator, territory: $0.territory, name: $0.name, period: $0.period, published: $0.published,
                    derived: $0.derived, unit: $0.unit)
            }
            func differs(_ gap: Gap) -> Bool { abs(gap.relativeGap ?? (gap.gap == 0 ? 0 : .infinity)) > tolerance }
            let summaries = Dictionary(grouping: all, by: \.indicator).sorted { $0.key < $1.key }.map { indicator, gaps in
                Summary(indicator: indicator, compared: gaps.count, differing: gaps.filter(differs).count,
                        largestRelativeGap: gaps.compactMap { $0.relativeGap.map(abs) }.max())
            }
            let differing = all.filter(differs).sorted { abs($0.relativeGap ?? .infinity) > abs($1.relativeGap ?? .infinity) }
            return (geography, differing, summaries)
        }
    }
}
