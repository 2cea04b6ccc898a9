import Foundation
import Testing

/// Files of the bad-input corpus (`Tests/IngestTests/BadInputCorpus`) through the
/// executable: exit 1 for a refused file, 3 for rejected rows, and standard error naming
/// the file and the line.
@Suite(.enabled(if: FileManager.default.fileExists(atPath: Observatoire.binary.path), "the observatoire binary is not built"))
struct BadInputCLITests {
    static let corpus = "Tests/IngestTests/BadInputCorpus/"

    static let cases: [(file: String, status: Int32, errors: [String])] = [
        ("unterminated-quote-2021.csv", 1, [
            "\(corpus)unterminated-quote-2021.csv:3, column 4: a quoted field opened on this line is never closed",
        ]),
        ("lost-leading-zeros-2021.csv", 1, [
            "\(corpus)lost-leading-zeros-2021.csv:3, column CODGEO, value '1001': 2 codes lost their leading zero",
        ]),
        ("utf16le-2021.csv", 1, ["\(corpus)utf16le-2021.csv: the file is UTF-16"]),
        ("nul-byte-2021.csv", 3, [
            "rejections insee-commune-wide      2021  nul-byte-2021.csv  read 3, loaded 2, rejected 1",
            "    line 3: NUL byte in the line",
        ]),
        ("regions-mixed-encoding-2024.csv", 3, [
            "rejections cog-regions             2024  regions-mixed-encoding-2024.csv  read 4, loaded 3, rejected 1",
            "    line 4: invalid UTF-8 at byte 24 of the line",
        ]),
        ("negative-counts-2021.csv", 3, [
            "rejections insee-commune-wide      2021  negative-counts-2021.csv  read 4, loaded 2, rejected 2",
            "    line 2, column P21_POP, value '-848': negative count: P21_POP counts people, households or dwellings",
        ]),
        ("mouvements-date-formats-2024.csv", 3, [
            "    line 3, column DATE_EFF, value '01/01/2024': not a date in the form YYYY-MM-DD",
            "    … 5 more in table rejected_rows",
        ]),
    ]

    @Test(arguments: cases)
    func exitCodeAndStandardErrorNameTheFileAndLine(file: String, status: Int32, errors: [String]) throws {
        let warehouse = try Observatoire.temporaryDirectory().appendingPathComponent("w.sqlite").path
        let result = try Observatoire.run(["ingest", "--warehouse", warehouse, Self.corpus + file])
        #expect(result.status == status, "\(result.errors)")
        for expected in errors {
            #expect(result.errors.contains(expected), "\(result.errors)")
        }
    }

    @Test func oneRefusedFileAmongGoodOnesMakesExitOne() throws {
        let warehouse = try Observatoire.temporaryDirectory().appendingPathComponent("w.sqlite").path
        let result = try Observatoire.run(["ingest", "--warehouse", warehouse, Self.corpus + "corsica-2021.csv",
                                           Self.corpus + "nul-byte-2021.csv", Self.corpus + "header-only-2021.csv"])
        #expect(result.status == 1)
        #expect(result.errors.contains("\(Self.corpus)header-only-2021.csv:2: the file has a header but no data rows"))
        #expect(result.errors.contains("3 files: 2 loaded, 0 unchanged, 0 skipped, 1 failed; 4 rows loaded, 1 rejected"))
    }
}
