import Core
import Foundation
import GRDB
import Ingest
import Tabular
import TestSupport
import Testing

/// The ingest rules on small fixtures written for the purpose: values and statuses,
/// rejected rows with their place and reason, whole-file refusals that leave the
/// warehouse as it was, idempotence and replacement.
@Suite struct IngestRulesTests {
    static let wideHeader = "CODGEO;P21_POP;MED21;LIBGEO\n"

    @Test func valuesKeepTheirStatusAndCodesStayStrings() throws {
        let sandbox = try Sandbox()
        let path = try sandbox.write("base-2021.csv", Self.wideHeader + """
            01001;848;25820,5;L'Abergement
            2A004;1200.25;s;Ajaccio
            62498;31000;nd;Lens
            75101;16000;;Paris 1er
            """)
        let outcome = try sandbox.ingest(path)
        #expect(outcome.status == .loaded)
        #expect(outcome.sourceID == "insee-commune-wide")
        #expect(outcome.counts.rowsLoaded == 4)
        let rows = try sandbox.rows("SELECT territory_code, territory_level, variable, period, value, status FROM v_observations ORDER BY territory_code, variable")
        let summary = rows.map { "\($0[0] as String) \($0[1] as String) \($0[2] as String) \($0[3] as String) \(($0[4] as Double?).map { "\($0)" } ?? "NULL") \($0[5] as String)" }
        #expect(summary == [
            "01001 COM MED21 2021 25820.5 ok",
            "01001 COM P21_POP 2021 848.0 ok",
            "2A004 COM MED21 2021 NULL secret",
            "2A004 COM P21_POP 2021 1200.25 ok",
            "62498 COM MED21 2021 NULL missing",
            "62498 COM P21_POP 2021 31000.0 ok",
            "75101 ARM MED21 2021 NULL missing",
            "75101 ARM P21_POP 2021 16000.0 ok",
        ])
    }

    @Test func badRowsAreRejectedWithLineColumnValueAndReason() throws {
        let sandbox = try Sandbox()
        let path = try sandbox.write("base-2021.csv", Self.wideHeader + """
            01001;848;25820;A
            01002;"12"3;100;B
            01003;12;100
            01004;douze;100;D
            01001;5;5;E
            ABCDE;5;5;F
            01006;1 234;5;G
            01007;7;7;H
            """)
        let outcome = try sandbox.ingest(path)
        #expect(outcome.status == .rejections)
        #expect(outcome.counts == .init(rowsRead: 8, rowsLoaded: 2, rowsRejected: 6))
        let rejected = try sandbox.rows("SELECT line, column_name, value, reason FROM rejected_rows ORDER BY line")
        #expect(rejected.map { $0[0] as Int } == [3, 4, 5, 6, 7, 8])
        #expect(rejected.map { $0[1] as String? } == ["P21_POP", nil, "P21_POP", "CODGEO", "CODGEO", "P21_POP"])
        #expect((rejected[0][3] as String).contains("malformed quoted field"))
        #expect((rejected[1][3] as String).contains("expected 4 fields"))
        #expect(rejected[2][2] as String == "douze")
        #expect((rejected[2][3] as String).contains("not a number"))
        #expect((rejected[3][3] as String).contains("duplicate key: CODGEO 01001 already on line 2"))
        #expect((rejected[4][3] as String).contains("not a valid commune code"))
        #expect(rejected[5][2] as String == "1 234")
        #expect(try sandbox.scalar("SELECT rows_rejected FROM files") == 6)
    }

    @Test func lostLeadingZerosRefuseTheFileAndLeaveTheWarehouseAsItWas() throws {
        let sandbox = try Sandbox()
        _ = try sandbox.ingest(sandbox.write("pop-2021.csv", Self.wideHeader + "62498;31000;17250;Lens\n"))
        let before = try sandbox.dump()
        let damaged = try sandbox.write("damaged-2021.csv", Self.wideHeader + "1001;848;25820;A\n62499;1;1;B\n")
        let outcome = try sandbox.ingest(damaged)
        #expect(outcome.status == .failed)
        #expect(outcome.message?.contains("1 codes lost their leading zero") == true)
        #expect(outcome.message?.contains("--repair-leading-zeros") == true)
        #expect(try sandbox.dump() == before)
    }

    @Test func leadingZerosAreRepairedOnlyOnRequestAndTheRepairIsRecorded() throws {
        let sandbox = try Sandbox()
        let damaged = try sandbox.write("damaged-2021.csv", Self.wideHeader + "1001;848;25820;A\n")
        let outcome = try sandbox.ingest(damaged, IngestOptions(repairLeadingZeros: true))
        #expect(outcome.status == .loaded)
        #expect(try sandbox.scalar("SELECT DISTINCT territory_code FROM observations") == "01001")
        let repairs: String? = try sandbox.scalar("SELECT repairs FROM files")
        #expect(repairs == "leading zero restored on 1 codes (CODGEO)")
    }

    @Test(arguments: [
        ("empty-2021.csv", [UInt8](), "the file is empty"),
        ("header-2021.csv", Array("CODGEO;P21_POP\n".utf8), "no data rows"),
        ("binary-2021.csv", [0x00, 0x01, 0x02, 0xFF, 0xFE, 0x00, 0x13], "not a delimited text file"),
        ("utf16-2021.csv", [0xFF, 0xFE, 0x43, 0x00, 0x3B, 0x00], "UTF-16"),
        ("truncated-2021.csv", Array("CODGEO;P21_POP\n01001;\"12\n01002;3\n".utf8), "never closed"),
        ("notcsv-2021.csv", Array("just some words\nwithout any delimiter\n".utf8), "not a delimited text file"),
    ])
    func unreadableFilesFailCleanly(name: String, bytes: [UInt8], message: String) throws {
        let sandbox = try Sandbox()
        _ = try sandbox.ingest(sandbox.write("pop-2021.csv", Self.wideHeader + "62498;31000;17250;Lens\n"))
        let before = try sandbox.dump()
        let outcome = try sandbox.ingest(sandbox.write(name, bytes: bytes))
        #expect(outcome.status == .failed)
        #expect(outcome.message?.contains(message) == true, "\(outcome.message ?? "")")
        #expect(try sandbox.dump() == before)
    }

    @Test func theSameFileTwiceChangesNothing() throws {
        let sandbox = try Sandbox()
        let path = try sandbox.write("base-2021.csv", Self.wideHeader + "62498;31000;17250;Lens\n")
        #expect(try sandbox.ingest(path).status == .loaded)
        let before = try sandbox.dump()
        let again = try sandbox.ingest(path)
        #expect(again.status == .unchanged)
        #expect(try sandbox.dump() == before)
    }

    /// A file is hashed while its records are read unless a loaded file of the source has
    /// its size; either way the checksum stored is the file's, and the same file is
    /// recognised as unchanged.
    @Test func theChecksumIsTheFilesWhetherHashedBeforeOrWhileReading() throws {
        let sandbox = try Sandbox()
        let first = try sandbox.write("base-2021.csv", Self.wideHeader + "62498;31000;17250;Lens\n")
        #expect(try sandbox.ingest(first).status == .loaded)
        // The same size, another content: hashed before reading, and loaded.
        let sameSize = try sandbox.write("other-2021.csv", Self.wideHeader + "62498;31001;17250;Lens\n")
        #expect(try sandbox.ingest(sameSize).status == .loaded)
        // Another size again: hashed on its own thread while the records are read.
        let larger = try sandbox.write("larger-2021.csv", Self.wideHeader + "62498;31000;17250;Lens\n62499;1;1;X\n")
        #expect(try sandbox.ingest(larger).status == .loaded)
        for (fileID, path) in [(1, first), (2, sameSize), (3, larger)] {
            let expected = try FileDigest.sha256(path: path)
            #expect(try sandbox.scalar("SELECT sha256 FROM files WHERE file_id = \(fileID)") == expected.sha256)
            #expect(try sandbox.scalar("SELECT size_bytes FROM files WHERE file_id = \(fileID)") == expected.size)
        }
        for path in [first, sameSize, larger] {
            #expect(try sandbox.ingest(path).status == .unchanged)
        }
    }

    @Test func aChangedFileReplacesItsPreviousLoadAtomically() throws {
        let sandbox = try Sandbox()
        let path = try sandbox.write("base-2021.csv", Self.wideHeader + "62498;31000;17250;Lens\n62499;1;1;X\n")
        _ = try sandbox.ingest(path)
        try sandbox.write("base-2021.csv", Self.wideHeader + "62498;32000;17300;Lens\n")
        let outcome = try sandbox.ingest(path)
        #expect(outcome.status == .loaded)
        #expect(outcome.replacedFileID == 1)
        #expect(try sandbox.scalar("SELECT value FROM v_observations WHERE variable = 'P21_POP'") == 32000.0)
        #expect(try sandbox.scalar("SELECT count(*) FROM observations") == 2)
        #expect(try sandbox.scalar("SELECT status FROM files WHERE file_id = 1") == "replaced")
        #expect(try sandbox.scalar("SELECT replaced_by FROM files WHERE file_id = 1") == 2)
    }

    @Test func anUnrecognisedFileListsTheKnownSourcesButIsSkippedInsideAFolder() throws {
        let sandbox = try Sandbox()
        let path = try sandbox.write("folder/other.csv", "A;B\n1;2\n")
        let explicit = try sandbox.ingest(path)
        #expect(explicit.status == .failed)
        #expect(explicit.message?.contains("filosofi-commune-2021") == true)
        let inFolder = try sandbox.ingest(sandbox.directory.appendingPathComponent("folder").path)
        #expect(inFolder.status == .skipped)
    }

    @Test func windows1252FilesAreConvertedAndReported() throws {
        let sandbox = try Sandbox()
        var bytes = Array("ACTUAL\tCHEFLIEU\tCDC\tRANG\tREG\tDEP\tCOM\tAR\tCT\tMODIF\tPOLE\tTNCC\tARTMAJ\tNCC\tARTMIN\tNCCENR\tARTICLCT\tNCCCT\r\n".utf8)
        bytes += Array("1\t0\t0\t\t84\t01\t001\t2\t08\t0\t\t5\t(L')\tABERGEMENT-CLEMENCIAT\t(L')\tAbergement-Cl".utf8)
        bytes += [0xE9] + Array("menciat\t\tCh".utf8) + [0xE2] + Array("tillon\r\n".utf8)
        let outcome = try sandbox.ingest(sandbox.write("France2017.txt", bytes: bytes))
        #expect(outcome.sourceID == "cog-communes-2017")
        #expect(outcome.encoding == "windows-1252")
        let row = try #require(try sandbox.rows("SELECT com, nccenr, libelle, arr, can, typecom FROM cog_communes").first)
        #expect(row[0] as String == "01001")
        #expect(row[1] as String == "Abergement-Clémenciat")
        #expect(row[2] as String == "L'Abergement-Clémenciat")
        #expect(row[3] as String == "012")
        #expect(row[4] as String == "0108")
        #expect(row[5] as String == "COM")
    }

    @Test func aForcedSourceNamesTheMissingColumn() throws {
        let sandbox = try Sandbox()
        let path = try sandbox.write("x-2021.csv", "CODGEO;P21_POP\n01001;1\n")
        let outcome = try sandbox.ingest([path], IngestOptions(sourceID: "filosofi-commune-2021")).outcomes[0]
        #expect(outcome.status == .failed)
        #expect(outcome.message?.contains("lacks the column(s) 'NBMENFISC21'") == true)
    }
}

/// `ingest` tells the rows it has read to the handler it is given (the CLI draws them on a
/// terminal), every 1,024 rows, and says when each file is done.
struct IngestProgressTests {
    final class Reports: @unchecked Sendable {
        private let lock = NSLock()
        private var received: [TaskProgress] = []
        func add(_ report: TaskProgress) { lock.withLock { received.append(report) } }
        var all: [TaskProgress] { lock.withLock { received } }
    }

    @Test func rowsReadAreReportedToTheHandler() throws {
        let sandbox = try Sandbox()
        let rows = (1...2_500).map { String(format: "62%03d;%d", $0 % 1000, $0) }
        let path = try sandbox.write("base-2021.csv", "CODGEO;P21_POP\n" + rows.joined(separator: "\n") + "\n")
        let reports = Reports()
        _ = try sandbox.ingest(path, IngestOptions(progress: { reports.add($0) }))
        let counts = reports.all.filter { !$0.finished }.map(\.count)
        #expect(counts == [1_024, 2_048])
        #expect(reports.all.last == TaskProgress(verb: "reading", name: "base-2021.csv", count: 0, unit: .rows, finished: true))
    }
}
