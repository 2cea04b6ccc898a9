import Reports
import Testing

/// Numbers as French readers write them: narrow no-break spaces between thousands, a
/// decimal comma, a no-break space before the unit.
struct FrenchNumberTests {
    static let nnbsp = "\u{202F}"
    static let nbsp = "\u{00A0}"

    @Test(arguments: [
        (1_234.5, 1, "1\(nnbsp)234,5"),
        (999, 0, "999"),
        (1_000, 0, "1\(nnbsp)000"),
        (1_234_567.891, 2, "1\(nnbsp)234\(nnbsp)567,89"),
        (-1_234.5, 1, "-1\(nnbsp)234,5"),
        (-0.04, 1, "0,0"),
        (0.05, 0, "0"),
        (32, 1, "32,0"),
    ])
    func decimals(value: Double, decimals: Int, expected: String) {
        #expect(FrenchNumber.format(value, decimals: decimals) == expected)
    }

    @Test(arguments: [
        (32.0, "%", false, "32,0\(nbsp)%"),
        (23.96487271, "%", false, "24,0\(nbsp)%"),
        (17_250, "€", false, "17\(nnbsp)250\(nbsp)€"),
        (242_587, "habitants", true, "242\(nnbsp)587\(nbsp)habitants"),
        (224_496, "personnes", true, "224\(nnbsp)496\(nbsp)personnes"),
        (2.3149, "personnes", false, "2,31\(nbsp)personnes"),
        (3.14159, "ratio", false, "3,1"),
        (0.348, "% par an", false, "0,35\(nbsp)% par an"),
        (1_234.56, "hab./km²", false, "1\(nnbsp)235\(nbsp)hab./km²"),
        (87.25, "pour 100", false, "87,3\(nbsp)pour 100"),
    ])
    func withUnit(value: Double, unit: String, count: Bool, expected: String) {
        #expect(FrenchNumber.format(value, unit: unit, count: count) == expected)
    }

    @Test func changesAreSignedAndRatesChangeInPoints() {
        #expect(FrenchNumber.change(1.23, unit: "%") == "+1,2\(Self.nbsp)pt")
        #expect(FrenchNumber.change(-0.5, unit: "% par an") == "-0,50\(Self.nbsp)pt")
        #expect(FrenchNumber.change(-3_225, unit: "habitants", count: true) == "-3\(Self.nnbsp)225\(Self.nbsp)habitants")
        #expect(FrenchNumber.change(0.01, unit: "%") == "0,0\(Self.nbsp)pt")
    }

    @Test func ordinalsAndShares() {
        #expect(FrenchNumber.ordinal(1) == "1er")
        #expect(FrenchNumber.ordinal(3) == "3e")
        #expect(FrenchNumber.percent(0.952) == "95\(Self.nbsp)%")
        #expect(FrenchNumber.percent(1) == "100\(Self.nbsp)%")
    }
}
