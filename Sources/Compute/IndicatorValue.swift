import Core

/// One computed value, as written to `indicator_values`.
struct IndicatorValue: Sendable, Equatable {
    var territory: String
    var period: String
    /// The figure, only when the status lets it out as a fact (`ok`).
    var value: Double?
    var status: String
    var coverage: Double?
    var numerator: Double?
    var denominator: Double?
    var estimate = false
    var method: String
    var derived: Double?
    /// Known issues of the source values it was computed from.
    var flags: String?
    /// The figure of a `partial`, `insufficient-coverage` or `small-count` value: shown with
    /// its status for the first, kept but never shown as a fact for the other two.
    var kept: Double?
    /// The share of an estimate's weight imputed or extrapolated rather than observed.
    var estimatedShare: Double?

    /// Statuses of computed values besides those of published ones (`ValueStatus`).
    enum Publication {
        /// A territory with communes missing from the geography: the value of those it has.
        static let partial = "partial"
        /// Coverage of the full membership under the indicator's floor: kept, not published.
        static let insufficientCoverage = "insufficient-coverage"
        /// A denominator under the indicator's `min_denominator`: kept, not published.
        static let smallCount = "small-count"
        static let all: Set<String> = [partial, insufficientCoverage, smallCount]
    }

    /// A value that is not `ok` carries no number.
    static func withheld(_ territory: String, _ period: String, status: String, method: String, coverage: Double? = nil) -> IndicatorValue {
        IndicatorValue(territory: territory, period: period, value: nil, status: status, coverage: coverage, method: method)
    }

    /// The same value, its figure kept under a status that is not `ok`.
    func keeping(under status: String) -> IndicatorValue {
        var kept = self
        kept.kept = value
        kept.value = nil
        kept.status = status
        return kept
    }
}
