/// What the portraits of one job read more than once, read once: the values of the
/// reference territories (every commune of an EPCI has the same département, région,
/// France and zones) and the values of the peers a territory is ranked among (the
/// communes of an EPCI, once for all of them). Writing the 330 commune portraits of the
/// Bassin minier read the packed rows of the peers of each commune again, 18,000 rows
/// instead of 330. Lives as long as one job's transaction: the values cannot change under it.
final class PortraitCache {
    /// Values by territory, indicator and period, for the indicators of `values(of:)`.
    var values: [String: [String: [String: Portrait.Value]]] = [:]

    /// `ok` values of the peers of a rank scope, by peer and `indicator period`.
    struct Peers {
        var byPeer: [String: [String: Double]] = [:]
        var byKey: [String: [Double]] = [:]
    }

    /// By scope (`COM in EPCI:246200364`).
    var peers: [String: Peers] = [:]
}
