import Tabular
import Catalog

/// Turns well-formed records of one file into warehouse rows, or says why a record is
/// rejected. The file ingester handles what is common to all sources (parse defects,
/// column counts, counting, storing rejections).
protocol RecordLoader {
    /// Loads one record; returns the rejection instead when the record is not loadable.
    mutating func load(_ record: CSVRecord, zeros: inout LeadingZeroPolicy) throws -> Rejection?
    /// Columns of the file this loader reads nothing from and that are not declared ignored.
    var unusedColumns: [String] { get }
    /// Values written (observations, or table rows).
    var valuesWritten: Int { get }
    /// Called once every record has been loaded: a loader that aggregates writes here, and
    /// rejects the records it could only judge once it had seen them all (a repeated number).
    mutating func finish(rejecting reject: (Rejection) throws -> Void) throws
    /// What the loader did that the files journal should say (in `files.repairs`).
    var notes: [String] { get }
    /// Records read that are neither loaded nor rejected, each counted in `notes` (the
    /// levels a Melodi source leaves out, such as FRANCE or ZE2020).
    var rowsNotLoaded: Int { get }
    /// The other `files` rows the loader recorded the file's values under, once finished.
    var parts: [LoadPart] { get }
}

extension RecordLoader {
    mutating func finish(rejecting reject: (Rejection) throws -> Void) throws {}
    var notes: [String] { [] }
    var rowsNotLoaded: Int { 0 }
    var parts: [LoadPart] { [] }

    /// Checks a code field: keep it as published, store a repaired code, or reject the row.
    static func checkCode(_ bytes: UnsafeBufferPointer<UInt8>, kind: CodeKind, line: Int, column: String,
                          zeros: inout LeadingZeroPolicy) -> CodeOutcome {
        switch kind.check(bytes) {
        case .valid:
            return .keep
        case .lostLeadingZero(let repaired):
            return .replace(zeros.record(line: line, column: column, value: String(decoding: bytes, as: UTF8.self), repaired: repaired))
        case .invalid:
            return .reject(Rejection(line: line, column: column, value: String(decoding: bytes, as: UTF8.self),
                                      reason: "not a valid \(kind.rawValue) code: expected \(kind.expectation)"))
        }
    }
}

/// What to do with a code field after checking it.
enum CodeOutcome {
    case keep
    case replace(String)
    case reject(Rejection)
}
