/// One diagnostic to count, as sorted on disk into commune × year groups: 16 bytes. The
/// key orders by commune (its five ASCII bytes, high first), then year, then breakdowns.
struct CountedDiagnostic: Comparable, BitwiseCopyable {
    /// Commune in bits 63–24, year − 1900 in 23–16, label in 11–8, building type in 7–4,
    /// construction period in 3–0 (breakdown indexes of `DiagnosticsLoader`, 0 when unknown).
    private let key: UInt64
    let line: UInt32
    /// kWh/m²/year, NaN when the diagnostic gives none.
    let consumption: Float

    /// The years the key can hold (the dates read are 1900 to 2099).
    static let years = 1900..<2156

    init(commune: String, year: Int, label: Int, buildingType: Int, period: Int, consumption: Float, line: UInt32) {
        precondition(commune.utf8.count == 5 && Self.years.contains(year) && label < 16 && buildingType < 16 && period < 16)
        key = Self.communeBits(commune) | UInt64(year - 1900) << 16 | UInt64(label) << 8 | UInt64(buildingType) << 4 | UInt64(period)
        self.line = line
        self.consumption = consumption
    }

    private init(key: UInt64, line: UInt32, consumption: Float) {
        self.key = key
        self.line = line
        self.consumption = consumption
    }

    private static func communeBits(_ commune: String) -> UInt64 {
        commune.utf8.reduce(0) { $0 << 8 | UInt64($1) } << 24
    }

    /// The same diagnostic, counted for another commune (a city for its arrondissement's).
    func under(_ commune: String) -> CountedDiagnostic {
        CountedDiagnostic(key: Self.communeBits(commune) | key & 0xFF_FFFF, line: line, consumption: consumption)
    }

    var communeCode: [UInt8] { (0..<5).map { UInt8(truncatingIfNeeded: key >> (56 - 8 * $0)) } }
    var year: Int { 1900 + Int(key >> 16 & 0xFF) }
    var label: Int { Int(key >> 8 & 0xF) }
    var buildingType: Int { Int(key >> 4 & 0xF) }
    var period: Int { Int(key & 0xF) }

    func isInGroup(of other: CountedDiagnostic) -> Bool { key >> 16 == other.key >> 16 }
    func isInCommune(of other: CountedDiagnostic) -> Bool { key >> 24 == other.key >> 24 }

    static func < (lhs: CountedDiagnostic, rhs: CountedDiagnostic) -> Bool {
        lhs.key != rhs.key ? lhs.key < rhs.key : lhs.line < rhs.line
    }
}
