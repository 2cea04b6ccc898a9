import Foundation
import Testing
@testable import Geography

/// The history rebuilt from COG 2024 and its mouvements, checked against the commune
/// lists INSEE published for earlier years (`../shared/data/cog`).
@Suite("CommuneHistory on the real COG", .enabled(if: RealCOG.isAvailable, "../shared/data is absent"))
struct RealHistoryTests {
    @Test("the rebuilt commune list of each year equals the published COG of that year", arguments: [2019, 2021, 2022, 2023])
    func rebuiltListsMatchPublishedOnes(year: Int) throws {
        let history = try RealCOG.history2024()
        let published = try RealCOG.communes(year == 2019 ? "cog/2019/communes-2019.csv" : "cog/\(year)/communes.csv")
        let rebuilt = try history.communes(in: year)
        #expect(rebuilt.subtracting(published).sorted() == [])
        #expect(published.subtracting(rebuilt).sorted() == [])
    }

    @Test("every commune of COG 2021, 2022 and 2023 lands in a commune of COG 2024", arguments: [2021, 2022, 2023])
    func everyCommuneMapsForward(year: Int) throws {
        let history = try RealCOG.history2024()
        let table = try PassageBuilder(history: history, weighting: PopulationWeights(tables: [])).passage(from: year, to: 2024)
        let communes2024 = try RealCOG.communes("cog/2024/communes.csv")
        #expect(table.vanished == [])
        #expect(Set(table.rows.map(\.fromCode)) == (try RealCOG.communes("cog/\(year)/communes.csv")))
        #expect(Set(table.rows.map(\.toCode)).isSubset(of: communes2024))
        // Shares of each source commune add up to one.
        let totals = Dictionary(grouping: table.rows, by: \.fromCode).mapValues { $0.map(\.weight).reduce(0, +) }
        #expect(totals.values.allSatisfy { abs($0 - 1) < 1e-9 })
    }

    @Test("the vintage of a national list and of a regional subset is recognised")
    func vintageOfRealLists() throws {
        let history = try RealCOG.history2024()
        let lists = history.communesByVintage(1999...2024)
        let national = try #require(VintageGuess.guess(codes: try RealCOG.communes("cog/2022/communes.csv"), lists: lists))
        #expect(national.vintage == 2022 && national.isExact && national.equallyGood == [2022])
        // Nord and Pas-de-Calais as in 2019: the years with the same communes there tie.
        let regional = try RealCOG.communes("cog/2019/communes-2019.csv").filter { $0.hasPrefix("59") || $0.hasPrefix("62") }
        let guess = try #require(VintageGuess.guess(codes: regional, lists: lists))
        #expect(guess.isExact)
        #expect(guess.equallyGood.contains(2019))
        #expect(guess.summary.contains("all \(regional.count) commune codes match exactly"))
    }

    @Test("from COG 2015 to 2024 no commune is lost; same-day chains and re-established communes are followed")
    func fromCOG2015() throws {
        let history = try RealCOG.history2024()
        let table = try PassageBuilder(history: history, weighting: PopulationWeights(tables: [])).passage(from: 2015, to: 2024)
        #expect(table.vanished == [])
        #expect(table.rows(from: "14513").map(\.toCode) == ["50592"])
        #expect(table.rows(from: "49144").map(\.toCode) == ["44180"])
        // Sainte-Florence joined Essarts en Bocage in 2016 and was re-established in 2024.
        #expect(table.rows(from: "85212").map { "\($0.toCode) \($0.weight)" } == ["85212 1.0"])
        let totals = Dictionary(grouping: table.rows, by: \.fromCode).mapValues { $0.map(\.weight).reduce(0, +) }
        #expect(totals.values.allSatisfy { $0 == 1 })
    }

    @Test("Hauts-Talican (60054) is re-established in 2024: its code goes to Beaumont-les-Nonains, the rest to 60694")
    func hautsTalican() throws {
        let history = try RealCOG.history2024()
        let table = try PassageBuilder(history: history, weighting: PopulationWeights(tables: [])).passage(from: 2023, to: 2024)
        let rows = table.rows(from: "60054")
        #expect(rows.map(\.toCode).sorted() == ["60054", "60694"])
        #expect(rows.allSatisfy { $0.kind == .split })
        #expect(rows.first?.events.first?.contains("rétablissement") == true)
    }
}

/// Reads the real COG files with plain Foundation, independently of the project's readers.
enum RealCOG {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared/data")
    static var isAvailable: Bool { FileManager.default.fileExists(atPath: root.appendingPathComponent("cog/2024/mouvements.csv").path) }

    static func lines(_ relative: String) throws -> [[String]] {
        let url = root.appendingPathComponent(relative)
        var data = try Data(contentsOf: url)
        if relative.hasSuffix(".gz") { data = try gunzip(url) }
        return String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).dropFirst().map { line in
            line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
        }
    }

    /// Codes of type COM (the 2019 file is gzip-compressed: read through `gzip -dc`).
    static func communes(_ relative: String) throws -> Set<String> {
        let path = relative.hasSuffix("communes-2019.csv") ? relative + ".gz" : relative
        return Set(try lines(path).filter { $0[0].uppercased() == "COM" }.map { $0[1] })
    }

    static func history2024() throws -> CommuneHistory {
        let changes = try lines("cog/2024/mouvements.csv").map {
            CommuneChange(mod: Int($0[0])!, date: $0[1], typeBefore: $0[2], codeBefore: $0[3], typeAfter: $0[8], codeAfter: $0[9])
        }
        return CommuneHistory(vintage: 2024, communes: try communes("cog/2024/communes.csv"), changes: changes)
    }

    private static func gunzip(_ url: URL) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-dc", url.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return data
    }
}
