import Foundation

/// Numbers as a French reader expects them: `1 234,5` (a narrow no-break space between
/// thousands, a decimal comma), `32,0 %` (a no-break space before the unit), `3e`. Written
/// by hand rather than through a locale, so that every machine prints the same bytes.
public enum FrenchNumber {
    public static let thousandsSeparator = "\u{202F}"
    public static let unitSeparator = "\u{00A0}"

    /// `value` rounded to `decimals` digits after the comma, halves away from zero
    /// (87,25 → 87,3), as people round by hand.
    public static func format(_ value: Double, decimals: Int) -> String {
        let scale = pow(10, Double(max(0, decimals)))
        let plain = String(format: "%.\(max(0, decimals))f", (value * scale).rounded() / scale)
        let negative = plain.hasPrefix("-") && plain.contains(where: { ("1"..."9").contains($0) })
        let digits = plain.drop { $0 == "-" }
        let parts = digits.split(separator: ".", maxSplits: 1)
        var integer = String(parts[0])
        var groups: [String] = []
        while integer.count > 3 {
            groups.insert(String(integer.suffix(3)), at: 0)
            integer.removeLast(3)
        }
        groups.insert(integer, at: 0)
        let decimalsText = parts.count > 1 ? "," + parts[1] : ""
        return (negative ? "-" : "") + groups.joined(separator: thousandsSeparator) + decimalsText
    }

    /// The value with its unit, as many decimals as the unit calls for: `32,0 %`,
    /// `17 250 €`, `242 587 habitants` (a `count` is whole), `2,31 personnes`; a ratio has
    /// no unit written.
    public static func format(_ value: Double, unit: String, count: Bool = false) -> String {
        let number = format(value, decimals: decimals(for: unit, count: count))
        return unit.isEmpty || unit == "ratio" ? number : number + unitSeparator + unit
    }

    /// A change, signed, in points for rates: `+1,2 pt`, `-3 225 habitants`, `0,0 pt`.
    public static func change(_ value: Double, unit: String, count: Bool = false) -> String {
        let number = format(value, decimals: decimals(for: unit, count: count))
        let sign = number.hasPrefix("-") || !number.contains(where: { ("1"..."9").contains($0) }) ? "" : "+"
        let changeUnit = unit.hasPrefix("%") ? "pt" : unit
        return sign + number + (changeUnit.isEmpty || changeUnit == "ratio" ? "" : unitSeparator + changeUnit)
    }

    /// A share of 0…1 as a whole percentage: `95 %`.
    public static func percent(_ share: Double) -> String {
        format(share * 100, decimals: 0) + unitSeparator + "%"
    }

    /// `1er`, `2e`, `36e`.
    public static func ordinal(_ rank: Int) -> String {
        rank == 1 ? "1er" : "\(rank)e"
    }

    /// Counts (stocks), euros and densities are whole; growth rates and household sizes
    /// need two decimals; other rates and ratios one.
    static func decimals(for unit: String, count: Bool) -> Int {
        if count { return 0 }
        switch unit {
        case "€", "hab./km²": return 0
        case "% par an", "personnes": return 2
        default: return 1
        }
    }
}
