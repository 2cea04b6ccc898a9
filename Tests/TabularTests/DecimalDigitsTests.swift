import Testing
import Tabular

/// Whole numbers written as digits in place read as `String(number)` would write them.
struct DecimalDigitsTests {
    @Test(arguments: [0, 7, 10, 99, 100, 120, -1, -305, 1_000_000_007, Int64.max, Int64.min])
    func digitsAreThoseOfTheNumber(number: Int64) {
        var bytes = Array("x".utf8)
        bytes.appendDecimalDigits(of: number)
        #expect(String(decoding: bytes, as: UTF8.self) == "x\(number)")
    }
}
