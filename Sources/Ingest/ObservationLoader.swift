import Catalog
import Foundation
import GRDB
import Tabular
import Warehouse

/// Loads a wide file — one row per territory, one column per variable — as observations
/// in long form: each cell is a value with a status, never a number standing for a marker.
struct ObservationLoader: RecordLoader {
    private struct Variable {
        let position: Int
        let code: String
        let id: Int64
    }

    private let keyPosition: Int
    private let keyColumn: String
    private let codeKind: CodeKind
    private let variables: [Variable]
    private let cells: CellParser
    private let writer: ObservationWriter
    private var firstLineOfKey: [String: Int] = [:]
    private var parsed: [CellValue]
    private(set) var valuesWritten = 0
    let unusedColumns: [String]

    init(definition: SourceDefinition, header: HeaderIndex, vintage: String, fileID: Int64, _ db: Database) throws {
        guard let key = definition.key, let rule = definition.variables else {
            preconditionFailure("validated by SourceCatalog")
        }
        let keyPosition = try header.require(key.column)
        self.keyPosition = keyPosition
        keyColumn = header.header[keyPosition]
        codeKind = key.code
        let ignored = Set((definition.ignore ?? []).map { $0.uppercased() })
        let positions: [Int]
        if let explicit = rule.columns {
            positions = try explicit.map { try header.require($0) }
        } else {
            positions = header.header.indices.filter { $0 != keyPosition && !ignored.contains(header.header[$0].uppercased()) }
        }
        variables = try Self.register(positions: positions, header: header, definition: definition, vintage: vintage, db)
        cells = CellParser(markers: definition.effectiveMarkers, empty: definition.empty ?? .missing)
        writer = try ObservationWriter(fileID: fileID, db)
        parsed = Array(repeating: .invalid, count: variables.count)
        unusedColumns = header.unused(used: Set(positions + [keyPosition]), ignored: definition.ignore ?? [])
    }

    /// Creates (or finds) the variables of the file, each with its period.
    private static func register(positions: [Int], header: HeaderIndex, definition: SourceDefinition,
                                 vintage: String, _ db: Database) throws -> [Variable] {
        let rule = definition.variables!
        let periodRules = (rule.periodFromCode ?? []).compactMap { try? NSRegularExpression(pattern: $0) }
        return try positions.map { position in
            let code = header.header[position]
            let period = rule.period ?? Self.period(of: code, rules: periodRules) ?? vintage
            let id = try SourceRegistry.variableID(sourceID: definition.id, code: code, period: period,
                                                   label: rule.labels?[code], db)
            return Variable(position: position, code: code, id: id)
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
        let keyBytes = record.bytes(at: keyPosition)
        let repaired: String?
        switch Self.checkCode(keyBytes, kind: codeKind, line: record.line, column: keyColumn, zeros: &zeros) {
        case .keep: repaired = nil
        case .replace(let fixed): repaired = fixed
        case .reject(let rejection): return rejection
        }
        let code = repaired ?? String(decoding: keyBytes, as: UTF8.self)
        if let first = firstLineOfKey[code] {
            return Rejection(line: record.line, column: keyColumn, value: code,
                             reason: "duplicate key: \(keyColumn) \(code) already on line \(first)")
        }
        // Validate every cell before writing any, so that a row loads whole or not at all.
        for (offset, variable) in variables.enumerated() {
            let value = cells.parse(record.bytes(at: variable.position))
            if case .invalid = value {
                return Rejection(line: record.line, column: variable.code, value: record.string(at: variable.position),
                                 reason: "not a number: expected a decimal number (point or comma) or a marker (\(cells.markerList))")
            }
            parsed[offset] = value
        }
        firstLineOfKey[code] = record.line
        var key = code
        try key.withUTF8 { keyBytes in
            let level = codeKind.level(of: keyBytes)
            for (offset, variable) in variables.enumerated() {
                switch parsed[offset] {
                case .number(let number):
                    try writer.write(territoryCode: keyBytes, level: level, variableID: variable.id, value: number, status: ValueStatus.ok.rawValue)
                case .marker(let status):
                    try writer.write(territoryCode: keyBytes, level: level, variableID: variable.id, value: nil, status: status.rawValue)
                case .invalid:
                    break
                }
            }
        }
        valuesWritten += variables.count
        return nil
    }
}
