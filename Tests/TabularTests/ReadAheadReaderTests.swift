import Core
import Foundation
import Tabular
import Testing

/// The reader that parses on a second thread must hand over exactly what the reader it
/// wraps gives, in the same order, with the same errors at the same place.
@Suite("ReadAheadReader: records parsed on a second thread")
struct ReadAheadReaderTests {
    /// Every record of `path`, read directly or through a `ReadAheadReader`.
    private func records(_ path: String, ahead: Bool, batchesAhead: Int = 2) throws -> [ReadRecord] {
        let csv = try CSVReader(path: path)
        let reader: any RecordReader = ahead ? ReadAheadReader(csv, batchesAhead: batchesAhead) : csv
        var records: [ReadRecord] = []
        try reader.forEachRecord { record in
            records.append(ReadRecord(line: record.line, fields: record.strings, defect: record.defect))
        }
        return records
    }

    /// A file of many batches: quoted fields across lines, empty fields, blank lines,
    /// defects (a stray quote, invalid UTF-8, a NUL byte) and one field larger than a batch.
    private static func awkwardFile() -> [UInt8] {
        var text = "CODGEO;LIBGEO;P21_POP\n"
        for index in 0..<12_000 {
            switch index % 1_000 {
            case 1: text += "\(10_000 + index);\"deux\nlignes\";\(index)\n"
            case 2: text += "\(10_000 + index);;\n"
            case 3: text += "\n"
            case 4: text += "\(10_000 + index);ab\"c;\(index)\n"
            default: text += "\(10_000 + index);Commune \(index);\(index)\n"
            }
        }
        text += "99999;" + String(repeating: "x", count: 3 << 20) + ";1\n"
        var bytes = Array(text.utf8)
        bytes += Array("99998;caf".utf8) + [0xE9] + Array(";2\n".utf8)
        bytes += Array("99997;nul".utf8) + [0x00] + Array(";3\n".utf8)
        return bytes
    }

    @Test("the same records, lines and defects as the reader it wraps, over many batches", arguments: [1, 2, 4])
    func sameRecords(batchesAhead: Int) throws {
        try withScratch { scratch in
            let path = try scratch.write("awkward.csv", bytes: Self.awkwardFile())
            let direct = try records(path, ahead: false)
            let ahead = try records(path, ahead: true, batchesAhead: batchesAhead)
            #expect(direct.count == 12_000 - 12 + 3)
            #expect(direct.contains { $0.defect != nil })
            #expect(ahead == direct)
        }
    }

    @Test("a real extract gives back every record as read on one thread",
          .enabled(if: SharedData.isAvailable, "../shared/data is absent"))
    func realExtract() throws {
        let path = SharedData.path("filosofi/cc_filosofi_2021_COM.csv")
        let ahead = try records(path, ahead: true)
        #expect(ahead.count == 34_909)
        #expect(ahead == (try records(path, ahead: false)))
    }

    @Test("a reader's error reaches the caller after every record read before it")
    func readerErrorComesLast() throws {
        try withScratch { scratch in
            var text = "CODGEO;P21_POP\n"
            for index in 0..<9_000 { text += "\(10_000 + index);\(index)\n" }
            text += "19000;\"never closed\n19001;5\n"
            let path = try scratch.write("truncated.csv", text)
            var seen = 0
            let error = #expect(throws: ObservatoireError.self) {
                try ReadAheadReader(try CSVReader(path: path)).forEachRecord { _ in seen += 1 }
            }
            #expect(seen == 9_000)
            #expect(error?.line == 9_002)
            #expect(error?.code == .unterminatedQuote)
        }
    }

    @Test("when the caller stops, the reading thread stops and the caller's error comes back")
    func callerErrorStopsReading() throws {
        struct Enough: Error {}
        try withScratch { scratch in
            var text = "CODGEO;P21_POP\n"
            for index in 0..<50_000 { text += "\(10_000 + index);\(index)\n" }
            let path = try scratch.write("long.csv", text)
            let csv = try CSVReader(path: path)
            var seen = 0
            #expect(throws: Enough.self) {
                try ReadAheadReader(csv, batchesAhead: 1).forEachRecord { _ in
                    seen += 1
                    if seen == 5 { throw Enough() }
                }
            }
            #expect(seen == 5)
            // The reading thread has let go: the wrapped reader is stopped part-way, and
            // reading on from this thread gives the records after the last batch it filled.
            var after = 0
            try csv.forEachRecord { _ in after += 1 }
            #expect(after < 50_000 - 5)
        }
    }
}
