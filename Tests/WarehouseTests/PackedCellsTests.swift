import Core
import GRDB
import Tabular
import Testing
@testable import Warehouse

/// The cells of a packed row: what is written is read back as the same values and
/// statuses, by `PackedCells.read` and by SQLite's `json_each` in the views.
struct PackedCellsTests {
    @Test(arguments: [
        ("0", true), ("12", true), ("-3", true), ("12.5", true), ("-0.25", true), ("372.387493855914", true),
        ("007", false), ("1,5", false), ("+3", false), (".5", false), ("5.", false), ("1e5", false), ("-", false), ("", false),
    ])
    func publishedTextIsKeptOnlyWhenItIsAlreadyAJSONNumber(text: String, kept: Bool) {
        var copy = text
        #expect(copy.withUTF8 { PackedCells.isJSONNumber($0) } == kept)
    }

    @Test func cellsReadBackAsWrittenBySwiftAndBySQLite() throws {
        let published = ["12.5", "1,5", "007", "-0.25", "1e-7", "372.387493855914", "0", "+4"]
        let statuses: [ValueStatus] = [.secret, .missing, .notApplicable]
        var cells = PackedCells()
        cells.start()
        var expected: [(Double?, ValueStatus)] = []
        for (index, text) in published.enumerated() {
            // As the loader writes them: the text when it is a JSON number, else the value.
            let value = try #require(DecimalParser.parse(text))
            var copy = text
            copy.withUTF8 { PackedCells.isJSONNumber($0) ? cells.append(published: $0) : cells.append(value) }
            expected.append((value, .ok))
            let status = statuses[index % statuses.count]
            cells.append(status)
            expected.append((nil, status))
        }
        cells.finish()
        #expect(String(decoding: cells.bytes, as: UTF8.self).hasPrefix(#"[12.5,"secret",1.5,"missing",7.0,"not-applicable",-0.25"#))

        var read: [(Int, Double?, ValueStatus)] = []
        try cells.bytes.withUnsafeBufferPointer { bytes in
            let all = PackedCells.Selection(wanted: Array(repeating: true, count: expected.count))
            try PackedCells.read(bytes, selection: all) { read.append(($0, $1, $2)) }
        }
        #expect(read.map(\.0) == Array(expected.indices))
        #expect(read.map(\.1) == expected.map(\.0))
        #expect(read.map(\.2) == expected.map(\.1))

        // Only the wanted slots are given, the others skipped.
        var some: [Int] = []
        try cells.bytes.withUnsafeBufferPointer { bytes in
            let second = PackedCells.Selection(wanted: [false, true, false, true])
            try PackedCells.read(bytes, selection: second) { slot, _, _ in some.append(slot) }
        }
        #expect(some == [1, 3])

        let queue = try DatabaseQueue()
        let unpacked = try queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT CASE WHEN j.type IN ('integer', 'real') THEN CAST(j.atom AS REAL) END, j.atom FROM json_each(?) j ORDER BY j.key
                """, arguments: [String(decoding: cells.bytes, as: UTF8.self)])
        }
        #expect(unpacked.map { $0[0] as Double? } == expected.map(\.0))
        #expect(unpacked.enumerated().filter { expected[$0.offset].0 == nil }.map { $0.element[1] as String } == expected.compactMap { $0.0 == nil ? $0.1.rawValue : nil })
    }

    @Test func cellsNamedBySlotReadBackAsWrittenBySwiftAndBySQLite() throws {
        let written: [(slot: Int, value: Double)] = [(0, 12), (7, 3), (9, 0), (12, 152.5), (1_203, 0.25), (4_000, 123_456_789), (4_010, -7)]
        var cells = PackedCells()
        cells.startNamed()
        for (slot, value) in written { cells.append(value, at: slot) }
        cells.finishNamed()
        #expect(String(decoding: cells.bytes, as: UTF8.self) == #"{"0":12,"7":3,"9":0,"12":152.5,"1203":0.25,"4000":123456789,"4010":-7}"#)

        var wanted = Array(repeating: false, count: 5_000)
        for slot in [7, 1_203, 4_000, 4_010] { wanted[slot] = true }
        var read: [(Int, Double?, ValueStatus)] = []
        try cells.bytes.withUnsafeBufferPointer { bytes in
            try PackedCells.read(bytes, selection: PackedCells.Selection(wanted: wanted)) { read.append(($0, $1, $2)) }
        }
        #expect(read.map(\.0) == [7, 1_203, 4_000, 4_010])
        #expect(read.map(\.1) == [3, 0.25, 123_456_789, -7])
        #expect(read.allSatisfy { $0.2 == .ok })

        // The views find each cell's column through `file_columns.slot`, an integer.
        let queue = try DatabaseQueue()
        let slots = try queue.write { db in
            try db.execute(sql: "CREATE TABLE file_columns (file_id INTEGER, slot INTEGER, variable_id INTEGER, PRIMARY KEY (file_id, slot)) WITHOUT ROWID")
            for (slot, _) in written { try db.execute(sql: "INSERT INTO file_columns VALUES (1, ?, ?)", arguments: [slot, 100 + slot]) }
            return try Row.fetchAll(db, sql: """
                SELECT c.variable_id, CAST(j.atom AS REAL) FROM json_each(?) j
                CROSS JOIN file_columns c ON c.file_id = 1 AND c.slot = j.key ORDER BY c.slot
                """, arguments: [String(decoding: cells.bytes, as: UTF8.self)])
        }
        #expect(slots.map { $0[0] as Int } == written.map { 100 + $0.slot })
        #expect(slots.map { $0[1] as Double } == written.map(\.value))
    }

    /// Long rows: the cells between two wanted ones are skipped 32 bytes at a time, which
    /// must land on the same cells as reading them one by one.
    @Test func wantedCellsOfALongRowAreFoundWhateverTheirDistance() throws {
        var cells = PackedCells()
        cells.start()
        for slot in 0..<2_000 {
            if slot % 7 == 3 { cells.append(.secret) } else { cells.append(Double(slot) + 0.5) }
        }
        cells.finish()
        for wantedSlots in [[0], [1_999], [5, 6, 40, 41, 1_000], [3, 10, 17], [1, 1_998, 1_999], Array(0..<2_000), [2_000, 2_500]] {
            var wanted = Array(repeating: false, count: 2_600)
            for slot in wantedSlots { wanted[slot] = true }
            var read: [(Int, Double?, ValueStatus)] = []
            try cells.bytes.withUnsafeBufferPointer { bytes in
                try PackedCells.read(bytes, selection: PackedCells.Selection(wanted: wanted)) { read.append(($0, $1, $2)) }
            }
            let present = wantedSlots.filter { $0 < 2_000 }
            #expect(read.map(\.0) == present)
            #expect(read.map(\.1) == present.map { $0 % 7 == 3 ? nil : Double($0) + 0.5 })
            #expect(read.map(\.2) == present.map { $0 % 7 == 3 ? .secret : .ok })
        }
    }

    @Test(arguments: ["", "12,5", "[12,5", #"[1,"hidden"]"#, "[1,x]", #"{"a":1}"#, #"{1:2}"#, #"{"3"}"#, #"{"2":}"#])
    func cellsThatWereNotWrittenHereAreAnErrorNotAValue(text: String) {
        #expect(throws: PackedCells.CorruptCells.self) {
            try Array(text.utf8).withUnsafeBufferPointer { bytes in
                try PackedCells.read(bytes, selection: PackedCells.Selection(wanted: [true, true, true])) { _, _, _ in }
            }
        }
    }
}
