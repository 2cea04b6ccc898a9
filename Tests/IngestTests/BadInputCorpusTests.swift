import Foundation
import Ingest
import TestSupport
import Testing

/// Every file of the bad-input corpus gets exactly its outcome: status, message naming the
/// file (and line, column, value where there is one), rejected rows with their place and
/// reason, the rows loaded; a refused file leaves the warehouse byte for byte as it was,
/// and no input makes `ingest` write anything beside it.
@Suite struct BadInputCorpusTests {
    static let baseline = BadInputCorpus.header + "62498;31000;17250;Lens\n"

    @Test(arguments: BadInputCorpus.cases)
    func ingestGivesExactlyTheExpectedOutcome(_ input: BadInput) throws {
        let sandbox = try Sandbox()
        #expect(try sandbox.ingest(sandbox.write("baseline/base-2021.csv", Self.baseline)).status == .loaded)
        let before = try sandbox.dump()
        let folder = sandbox.directory.appendingPathComponent("input")
        let path = try sandbox.write("input/" + input.file, bytes: input.content())
        let filesBefore = try Self.files(in: sandbox)

        let outcome = try sandbox.ingest(input.throughFolder ? folder.path : path, input.options)

        let expected = input.expected
        #expect(outcome.status == expected.status, "\(outcome.message ?? "")")
        switch expected.status {
        case .failed:
            let message = try #require(outcome.message)
            let wanted = path + (expected.message ?? "")
            if expected.messageIsPrefix {
                #expect(message.hasPrefix(wanted), "\(message)")
            } else {
                #expect(message == wanted)
            }
        case .skipped:
            #expect(outcome.message == expected.message)
        case .loaded, .rejections, .unchanged:
            #expect(outcome.counts.rowsLoaded == expected.rowsLoaded)
            #expect(outcome.counts.rowsRejected == expected.rejections.count)
            let stored = try sandbox.rows("SELECT line, column_name, value, reason FROM rejected_rows ORDER BY line").map {
                Rejection(line: $0[0], column: $0[1], value: $0[2], reason: $0[3])
            }
            #expect(stored == expected.rejections)
            // Shown on the terminal: the first five (their values are cut when printed, not here).
            #expect(outcome.firstRejections.map(\.line) == expected.rejections.prefix(5).map(\.line))
            if let query = expected.query {
                #expect(try sandbox.lines(query) == expected.rows)
            }
        }
        if [.failed, .skipped].contains(outcome.status) {
            #expect(try sandbox.dump() == before)
        }
        #expect(try Self.files(in: sandbox) == filesBefore, "ingest wrote beside its input")
    }

    /// Every file under the sandbox but the warehouse's own.
    private static func files(in sandbox: Sandbox) throws -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: sandbox.directory.path)
        return (enumerator?.allObjects as? [String] ?? []).filter { !$0.hasPrefix("warehouse.sqlite") }.sorted()
    }

}

/// What the corpus cannot show file by file: codes only `normalise` finds unknown, and the
/// two real defective files of `../shared/data/bad-inputs`.
@Suite struct BadInputBeyondOneFileTests {
    @Test func unknownCommuneCodesLoadThenNormaliseStoresThem() throws {
        let sandbox = try Sandbox()
        try sandbox.loadFixtureGeography()
        let path = try sandbox.write("base-2021.csv", BadInputCorpus.header + "62001;10;1;Alpha\n2A999;5;1;X\n20001;3;1;Y\n62999;2;s;Z\n")
        #expect(try sandbox.ingest(path, IngestOptions(geographyOfInput: 2024)).status == .loaded)
        let summary = try sandbox.normalise(2024)
        #expect(summary.unmappedCodes == 3)
        let unmapped = try sandbox.lines("SELECT code, level, observations, reason FROM unmapped_codes ORDER BY code")
        let reason = "not a commune of COG 2024 and not reachable through the mouvements"
        #expect(unmapped == ["20001 | COM | 2 | \(reason)", "2A999 | COM | 2 | \(reason)", "62999 | COM | 2 | \(reason)"])
        #expect(try sandbox.scalar("SELECT count(*) FROM normalised_observations WHERE territory IN ('COM:2A999', 'COM:20001', 'COM:62999')") == 0)
    }

    static let realFiles = [
        ("bad-inputs/base-cc-logement-2021-subset-leading-zeros-lost.csv", "CODGEO", "1001", 2, 34963),
        ("bad-inputs/mouvements-2023-leading-zeros-lost.csv", "COM_AP", "1039", 2, 13834),
    ]

    @Test(.enabled(if: SharedData.isAvailable, "../shared/data is absent"), arguments: realFiles)
    func realFilesThatLostTheirLeadingZerosAreRefusedThenRepairedOnRequest(
        file: String, column: String, value: String, line: Int, rows: Int
    ) throws {
        let sandbox = try Sandbox()
        let before = try sandbox.dump()
        let refused = try sandbox.ingest(SharedData.path(file))
        #expect(refused.status == .failed)
        #expect(refused.message?.hasPrefix("\(SharedData.path(file)):\(line), column \(column), value '\(value)': ") == true)
        #expect(try sandbox.dump() == before)

        let repaired = try sandbox.ingest(SharedData.path(file), IngestOptions(repairLeadingZeros: true))
        #expect(repaired.status == .loaded)
        #expect(repaired.counts.rowsLoaded == rows)
        // The refusal counts every damaged code, as the repair does.
        let count = try #require(repaired.repairs?.split(separator: " ")[4])
        #expect(refused.message?.contains(": \(count) codes lost their leading zero") == true, "\(refused.message ?? "") / \(repaired.repairs ?? "")")
    }
}
