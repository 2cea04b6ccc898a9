/// A computed value no cell of `indicator_rows` can hold; the indicator, territory and
/// period say which value. A fault of `compute`: nothing is written.
struct UnwritableValue: Error, CustomStringConvertible {
    let indicator: String
    let territory: String
    let period: String
    let reason: String

    var description: String {
        "indicator \(indicator), territory \(territory), period \(period): \(reason) (a fault of compute, nothing was written)"
    }
}
