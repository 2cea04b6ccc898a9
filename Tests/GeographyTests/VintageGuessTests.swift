import Testing
@testable import Geography

struct VintageGuessTests {
    private let lists: [Int: Set<String>] = [
        2022: ["62001", "62002", "62003", "59001", "59002"],
        2023: ["62001", "62003", "59001", "59002"],
        2024: ["62001", "62003", "59001", "59003"],
    ]

    @Test func exactNationalMatch() throws {
        let guess = try #require(VintageGuess.guess(codes: ["62001", "62003", "59001", "59002"], lists: lists))
        #expect(guess.vintage == 2023)
        #expect(guess.isExact)
        #expect(guess.runnerUp?.vintage == 2022 && guess.runnerUp?.mismatches == 1)
        #expect(guess.summary.hasPrefix("inferred COG 2023: all 4 commune codes match exactly"))
    }

    @Test func regionalSubsetComparesOnlyItsDepartements() throws {
        // Only Pas-de-Calais: 2023 and 2024 agree there, the most recent is chosen.
        let guess = try #require(VintageGuess.guess(codes: ["62001", "62003"], lists: lists))
        #expect(guess.vintage == 2024)
        #expect(guess.equallyGood == [2023, 2024])
        #expect(guess.isExact)
    }

    @Test func amongEqualFitsTheTargetGeographyIsNotExceeded() throws {
        let guess = try #require(VintageGuess.guess(codes: ["62001", "62003"], lists: lists, atMost: 2023))
        #expect(guess.vintage == 2023)
        #expect(guess.equallyGood == [2023, 2024])
    }

    @Test func partialMatchReportsUnknownAndAbsent() throws {
        let guess = try #require(VintageGuess.guess(codes: ["62001", "62002", "62009"], lists: lists))
        #expect(guess.vintage == 2022)
        #expect(guess.unknown == 1)
        #expect(guess.absent == 1)
        #expect(!guess.isExact)
    }

    @Test func nothingToGuessFrom() {
        #expect(VintageGuess.guess(codes: [], lists: lists) == nil)
    }
}

struct NameFoldingTests {
    @Test(arguments: [
        ("Hénin-Carvin", "henin carvin"),
        ("CA de Lens - Liévin", "ca de lens lievin"),
        ("L'Haÿ-les-Roses", "l hay les roses"),
        ("Œuilly", "oeuilly"),
        ("  SAINTE-MARIE ", "sainte marie"),
    ])
    func folds(name: String, folded: String) {
        #expect(NameFolding.fold(name) == folded)
    }
}
