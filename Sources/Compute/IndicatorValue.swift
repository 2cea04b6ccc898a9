/// One computed value, as written to `indicator_values`.
struct IndicatorValue: Sendable, Equatable {
    var territory: String
    var period: String
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

    /// A value whose status is not `ok` carries no number.
    static func withheld(_ territory: String, _ period: String, status: String, method: String, coverage: Double? = nil) -> IndicatorValue {
        IndicatorValue(territory: territory, period: period, value: nil, status: status, coverage: coverage, method: method)
    }
}
