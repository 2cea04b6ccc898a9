import Testing
import Catalog

/// Syntax of official codes, and detection of codes that lost their leading zero in a
/// spreadsheet (reported as such, repaired only on request).
@Suite("CodeKind")
struct CodeKindTests {
    typealias Case = (kind: CodeKind, code: String, expected: CodeKind.Check)

    static let cases: [Case] = [
        // Communes: 2 digits or 2A/2B, then 3 digits.
        (.commune, "01001", .valid),
        (.commune, "62498", .valid),
        (.commune, "75056", .valid),
        (.commune, "2A004", .valid),
        (.commune, "2B033", .valid),
        (.commune, "97613", .valid),
        (.commune, "1001", .lostLeadingZero(repaired: "01001")),
        (.commune, "6249", .lostLeadingZero(repaired: "06249")),
        (.commune, "ABCDE", .invalid),
        (.commune, "123456", .invalid),
        (.commune, "", .invalid),
        (.commune, "101", .invalid),         // two digits short: not a lost zero
        (.commune, "0100", .invalid),        // already starts with 0: padding cannot be the fix
        (.commune, "2C004", .invalid),
        (.commune, "3A004", .invalid),
        (.commune, "2a004", .invalid),       // INSEE writes Corsica in capitals
        (.commune, "2A04", .invalid),        // not digits: never "repaired"
        (.commune, "01 001", .invalid),
        (.commune, " 1001", .invalid),
        // IRIS: a commune code and 4 digits.
        (.iris, "010040101", .valid),
        (.iris, "2A0040101", .valid),
        (.iris, "751010101", .valid),
        (.iris, "10040101", .lostLeadingZero(repaired: "010040101")),
        (.iris, "01004010", .invalid),
        (.iris, "01004010A", .invalid),
        (.iris, "0100401011", .invalid),
        // Départements: 01…95, 2A, 2B, and 97x overseas.
        (.departement, "01", .valid),
        (.departement, "62", .valid),
        (.departement, "95", .valid),
        (.departement, "2A", .valid),
        (.departement, "2B", .valid),
        (.departement, "971", .valid),
        (.departement, "976", .valid),
        (.departement, "1", .lostLeadingZero(repaired: "01")),
        (.departement, "9", .lostLeadingZero(repaired: "09")),
        (.departement, "00", .invalid),
        (.departement, "0", .invalid),
        (.departement, "", .invalid),
        (.departement, "2C", .invalid),
        (.departement, "981", .invalid),
        (.departement, "123", .invalid),
        (.departement, "A1", .invalid),
        // Régions: 2 digits.
        (.region, "32", .valid),
        (.region, "01", .valid),
        (.region, "84", .valid),
        (.region, "2", .lostLeadingZero(repaired: "02")),
        (.region, "123", .invalid),
        (.region, "A1", .invalid),
        (.region, "", .invalid),
        // Arrondissements: a département code and one digit.
        (.arrondissement, "011", .valid),
        (.arrondissement, "2A1", .valid),
        (.arrondissement, "2B2", .valid),
        (.arrondissement, "621", .valid),
        (.arrondissement, "9711", .valid),
        (.arrondissement, "11", .lostLeadingZero(repaired: "011")),
        (.arrondissement, "001", .invalid),  // département 00 does not exist
        (.arrondissement, "01A", .invalid),
        (.arrondissement, "9811", .invalid),
        (.arrondissement, "62111", .invalid),
        (.arrondissement, "1", .invalid),
        // EPCI: a 9-digit SIREN number; never repaired (SIREN numbers do not start with 0).
        (.epci, "246200364", .valid),
        (.epci, "200041630", .valid),
        (.epci, "24620036", .invalid),
        (.epci, "2462003640", .invalid),
        (.epci, "24620036A", .invalid),
        (.epci, "", .invalid),
    ]

    @Test("check", arguments: cases)
    func check(_ testCase: Case) {
        #expect(testCase.kind.check(testCase.code) == testCase.expected, "\(testCase.kind) \(testCase.code)")
    }

    @Test("checking bytes and a String agree")
    func bytesAndString() {
        for testCase in Self.cases {
            var copy = testCase.code
            let fromBytes = copy.withUTF8 { testCase.kind.check($0) }
            #expect(fromBytes == testCase.kind.check(testCase.code))
        }
    }

    @Test("a repaired code is always valid for its kind")
    func repairedIsValid() {
        for testCase in Self.cases {
            if case .lostLeadingZero(let repaired) = testCase.expected {
                #expect(testCase.kind.check(repaired) == .valid, "\(testCase.kind) \(repaired)")
            }
        }
    }

    static func communeLevel(_ code: String) -> String {
        var copy = code
        return copy.withUTF8 { CodeKind.communeLevel($0) }
    }

    @Test("communeLevel: Paris, Lyon and Marseille arrondissements are ARM, the rest COM", arguments: [
        ("75101", "ARM"), ("75120", "ARM"),
        ("69381", "ARM"), ("69389", "ARM"),
        ("13201", "ARM"), ("13216", "ARM"),
        ("75056", "COM"),  // Paris itself
        ("69123", "COM"),  // Lyon
        ("13055", "COM"),  // Marseille
        ("75121", "COM"), ("69380", "COM"), ("69390", "COM"), ("13200", "COM"), ("13217", "COM"),
        ("62498", "COM"), ("01001", "COM"), ("2A004", "COM"),
    ])
    func communeLevel(code: String, expected: String) {
        #expect(Self.communeLevel(code) == expected)
    }

    @Test("level of each kind of code")
    func levels() {
        func level(_ kind: CodeKind, _ code: String) -> String {
            var copy = code
            return copy.withUTF8 { kind.level(of: $0) }
        }
        #expect(level(.commune, "62498") == "COM")
        #expect(level(.commune, "75101") == "ARM")
        #expect(level(.iris, "010040101") == "IRIS")
        #expect(level(.departement, "62") == "DEP")
        #expect(level(.region, "32") == "REG")
        #expect(level(.arrondissement, "621") == "ARR")
        #expect(level(.epci, "246200364") == "EPCI")
        #expect(level(.communeDeleguee, "15141") == "COMD")
    }

    @Test("every kind says what a valid code looks like, with an example that is valid")
    func expectations() {
        let examples: [CodeKind: String] = [
            .commune: "2A004", .communeDeleguee: "01001", .iris: "010040101", .departement: "971",
            .region: "32", .arrondissement: "9711", .epci: "246200364",
        ]
        for kind in CodeKind.allCases {
            let example = examples[kind] ?? "?"
            #expect(kind.expectation.contains(example), "\(kind)")
            #expect(kind.check(example) == .valid, "\(kind)")
        }
    }
}
