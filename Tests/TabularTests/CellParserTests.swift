import Core
import Tabular
import Testing

/// A cell of a numeric column is a number or a status; secret statistique is never zero.
@Suite("CellParser")
struct CellParserTests {
    /// INSEE's usual markers, as the catalog gives them by default.
    static let insee = CellParser(markers: ["s": .secret, "nd": .missing, "ns": .missing, "so": .notApplicable])

    static func parse(_ text: String, with parser: CellParser = insee) -> CellValue {
        var copy = text
        return copy.withUTF8 { parser.parse($0) }
    }

    @Test("markers and the empty cell become statuses", arguments: [
        ("s", CellValue.marker(.secret)),
        ("nd", .marker(.missing)),
        ("ns", .marker(.missing)),
        ("so", .marker(.notApplicable)),
        ("", .marker(.missing)),
    ])
    func markers(text: String, expected: CellValue) {
        #expect(Self.parse(text) == expected)
    }

    @Test("numbers are numbers", arguments: [
        ("25820", 25820.0),
        ("12,5", 12.5),
        ("-3.25", -3.25),
        ("0", 0),
    ])
    func numbers(text: String, expected: Double) {
        #expect(Self.parse(text) == .number(expected))
    }

    @Test("anything else is invalid, including markers in another case or with spaces", arguments: [
        "abc", "S", "ND", " s", "s ", "secret", "1 234", "n", "-",
    ])
    func invalid(text: String) {
        #expect(Self.parse(text) == .invalid)
    }

    @Test("the status of an empty cell is configurable")
    func emptyStatus() {
        let parser = CellParser(markers: [:], empty: .notApplicable)
        #expect(Self.parse("", with: parser) == .marker(.notApplicable))
        // Without markers, INSEE's 's' is not a status.
        #expect(Self.parse("s", with: parser) == .invalid)
    }

    @Test("custom markers are honoured")
    func customMarkers() {
        let parser = CellParser(markers: ["(c)": .secret, "…": .missing])
        #expect(Self.parse("(c)", with: parser) == .marker(.secret))
        #expect(Self.parse("…", with: parser) == .marker(.missing))
        #expect(Self.parse("(c", with: parser) == .invalid)
    }

    @Test("markerList names every marker, in a stable order")
    func markerList() {
        #expect(Self.insee.markerList == "nd, ns, s, so")
    }
}
