import Catalog
import Core
import Foundation
import GRDB
import Tabular
import Warehouse

/// Loads a wide file — one row per territory, one column per variable — as it is published,
/// one packed row per territory (`PackedRowWriter`): each cell is a value with a status,
/// never a number standing for a marker. The `observations` view shows them in long form.
struct ObservationLoader: RecordLoader {
    private struct Variable {
        let position: Int
        let code: String
        let id: Int64
        /// Declared a count by the source: a value below zero rejects the row.
        let isCount: Bool
    }

    private let keyPositions: [Int]
    private let keyColumn: String
    /// The key when it is made of several columns, assembled here without allocating.
    private var joinedKey: [UInt8] = []
    private let codeKind: CodeKind
    private let variables: [Variable]
    private let parser: CellParser
    private let sourceID: String
    private let writer: PackedRowWriter
    private var firstLineOfKey: [String: Int] = [:]
    /// The cells of the row being loaded, in the order of `variables`.
    private var cells = PackedCells()
    private(set) var valuesWritten = 0
    let unusedColumns: [String]

    init(definition: SourceDefinition, header: HeaderIndex, vintage: String, fileID: Int64, _ db: Database) throws {
        guard let key = definition.key, let rule = definition.variables else {
            preconditionFailure("validated by SourceCatalog")
        }
        let keyPositions = try key.columns.map { try header.require($0) }
        self.keyPositions = keyPositions
        keyColumn = keyPositions.map { header.header[$0] }.joined(separator: " + ")
        codeKind = key.code
        let ignored = Set((definition.ignore ?? []).map { $0.uppercased() })
        let positions: [Int]
        if let explicit = rule.columns {
            positions = try explicit.map { try header.require($0) }
        } else {
            positions = header.header.indices.filter { !keyPositions.contains($0) && !ignored.contains(header.header[$0].uppercased()) }
        }
        variables = try Self.register(positions: positions, header: header, definition: definition, vintage: vintage, db)
        parser = CellParser(markers: definition.effectiveMarkers, empty: definition.empty ?? .missing)
        sourceID = definition.id
        writer = try PackedRowWriter(fileID: fileID, variableIDs: variables.map(\.id), db)
        unusedColumns = header.unused(used: Set(positions + keyPositions), ignored: definition.ignore ?? [])
    }

    /// Creates (or finds) the variables of the file, each with its period.
    private static func register(positions: [Int], header: HeaderIndex, definition: SourceDefinition,
                                 vintage: String, _ db: Database) throws -> [Variable] {
        let rule = definition.variables!
        let periodRules = (rule.periodFromCode ?? []).compactMap { try? NSRegularExpression(pattern: $0) }
        return try positions.map { position in
            let code = rule.codes?[header.header[position]] ?? header.header[position]
            let period = rule.period ?? Self.period(of: code, rules: periodRules) ?? vintage
            let id = try SourceRegistry.variableID(sourceID: definition.id, code: code, period: period,
                                                   label: rule.labels?[code], additive: rule.isAdditive(code), db)
            return Variable(position: position, code: code, id: id, isCount: rule.isCount(code))
        }
    }

    /// The year in a variable code: `P21_POP` → 2021, `D99_POP` → 1999, `MED21` → 2021.
    static func period(of code: String, rules: [NSRegularExpression]) -> String? {
        for rule in rules {
            guard let match = rule.firstMatch(in: code, range: NSRange(code.startIndex..., in: code)),
                  match.numberOfRanges > 1, let range = Range(match.range(at: 1), in: code),
                  let year = Int(code[range]), code[range].count == 2 else { continue }
            return String(year > 50 ? 1900 + year : 2000 + year)
        }
        return nil
    }

    mutating func load(_ record: CSVRecord, zeros: inout LeadingZeroPolicy) throws -> Rejection? {
        let code: String
        if keyPositions.count == 1 {
            guard let checked = try checkedKey(record.bytes(at: keyPositions[0]), record: record, zeros: &zeros) else {
                return rejectedKey
            }
            code = checked
        } else {
            joinedKey.removeAll(keepingCapacity: true)
            for position in keyPositions { joinedKey.append(contentsOf: record.bytes(at: position)) }
            Self.dropOverseasOverlap(&joinedKey, first: record.bytes(at: keyPositions[0]), kind: codeKind)
            let assembled = joinedKey
            guard let checked = try assembled.withUnsafeBufferPointer({ try checkedKey($0, record: record, zeros: &zeros) }) else {
                return rejectedKey
            }
            code = checked
        }
        if let first = firstLineOfKey[code] {
            return Rejection(line: record.line, column: keyColumn, value: code,
                             reason: "duplicate key: \(keyColumn) \(code) already on line \(first)")
        }
        // Every cell is checked before the row is written, so that it loads whole or not at all.
        cells.start()
        for variable in variables {
            let bytes = record.bytes(at: variable.position)
            // Most cells are a number written as JSON writes it: valid as it is, stored as
            // published, never parsed (negative only with a minus and a digit other than 0).
            if PackedCells.isJSONNumber(bytes) {
                if variable.isCount && bytes[0] == UInt8(ascii: "-") && bytes.contains(where: { $0 >= 0x31 && $0 <= 0x39 }) {
                    return Rejection(line: record.line, column: variable.code, value: record.string(at: variable.position),
                                     reason: Self.negativeCount(variable.code, source: sourceID))
                }
                cells.append(published: bytes)
                continue
            }
            switch parser.parse(bytes) {
            case .invalid:
                return Rejection(line: record.line, column: variable.code, value: record.string(at: variable.position),
                                 reason: "not a number: expected a decimal number (point or comma) or a marker (\(parser.markerList))")
            case .number(let number) where variable.isCount && number < 0:
                return Rejection(line: record.line, column: variable.code, value: record.string(at: variable.position),
                                 reason: Self.negativeCount(variable.code, source: sourceID))
            case .number(let number):
                cells.append(number)
            case .marker(let status):
                cells.append(status)
            }
        }
        cells.finish()
        firstLineOfKey[code] = record.line
        var key = code
        try key.withUTF8 { keyBytes in
            try writer.write(territoryCode: keyBytes, level: codeKind.level(of: keyBytes), cells: cells)
        }
        valuesWritten += variables.count
        return nil
    }

    /// Why a negative count is rejected, saying where the variable is declared a count.
    static func negativeCount(_ code: String, source: String) -> String {
        "negative count: \(code) counts people, households or dwellings (declared under counts in source \(source)) and cannot be below zero"
    }

    /// INSEE splits an overseas commune code as département 971 + commune 101 (the
    /// third digit written twice): 971 + 101 is 97101, as 62 + 498 is 62498.
    static func dropOverseasOverlap(_ key: inout [UInt8], first: UnsafeBufferPointer<UInt8>, kind: CodeKind) {
        guard kind == .commune, first.count == 3, key.count == 6, key[2] == key[3] else { return }
        key.remove(at: 3)
    }

    /// The rejection of the last key `checkedKey` refused.
    private var rejectedKey: Rejection?

    /// The key as a code, repaired when allowed; nil (with `rejectedKey` set) when refused.
    private mutating func checkedKey(_ bytes: UnsafeBufferPointer<UInt8>, record: CSVRecord, zeros: inout LeadingZeroPolicy) throws -> String? {
        switch Self.checkCode(bytes, kind: codeKind, line: record.line, column: keyColumn, zeros: &zeros) {
        case .keep: return String(decoding: bytes, as: UTF8.self)
        case .replace(let fixed): return fixed
        case .reject(let rejection):
            rejectedKey = rejection
            return nil
        }
    }
}
