import Catalog
import Core
import Foundation
import GRDB
import Tabular
import Warehouse

/// Loads a reference list (COG communes, mouvements, départements, dictionaries …) into
/// its typed table, checking codes, integers and dates column by column.
struct ReferenceTableLoader: RecordLoader {
    private struct Column {
        let name: String
        let rule: SourceDefinition.ColumnRule
        /// Positions of the published columns; empty when an optional column is absent.
        let positions: [Int]
        let articlePosition: Int?
        /// The published column name(s), for messages.
        let published: String
    }

    private let columns: [Column]
    private let keyOffsets: [Int]
    private let vintage: String?
    private let writer: ReferenceTableWriter
    private let lists: ReferenceListSplitter
    /// Column offset → the values another table holds, for `references:` columns.
    private let referenced: [Int: (target: String, values: Set<String>)]
    private var firstLineOfKey: [[String?]: Int] = [:]
    private(set) var valuesWritten = 0
    let unusedColumns: [String]

    init(definition: SourceDefinition, header: HeaderIndex, vintage: String, fileID: Int64, _ db: Database) throws {
        guard let table = definition.table, let rules = definition.columns else {
            preconditionFailure("validated by SourceCatalog")
        }
        let columns = try rules.keys.sorted().map { name in
            let rule = rules[name]!
            let absent = rule.optional == true && rule.from.contains { header.position(of: $0) == nil }
            let positions = absent ? [] : try rule.from.map { try header.require($0) }
            return Column(name: name, rule: rule, positions: positions,
                          articlePosition: try rule.article.map { try header.require($0) },
                          published: positions.map { header.header[$0] }.joined(separator: "+"))
        }
        self.columns = columns
        keyOffsets = (definition.tableKey ?? []).compactMap { key in columns.firstIndex { $0.name == key } }
        // Tables that hold several vintages get the file's vintage on every row.
        let fillsVintage = rules["vintage"] == nil && WarehouseSchema.referenceTables[table]?.contains("vintage") == true
        self.vintage = fillsVintage ? vintage : nil
        writer = try ReferenceTableWriter(table: table, columns: columns.map(\.name) + (fillsVintage ? ["vintage"] : []),
                                          fileID: fileID, db)
        lists = try ReferenceListSplitter(rules: definition.lists ?? [], keyColumns: definition.tableKey ?? [],
                                          header: header, fileID: fileID, db)
        var referenced: [Int: (target: String, values: Set<String>)] = [:]
        for (offset, column) in columns.enumerated() {
            if let target = column.rule.references { referenced[offset] = (target, try ReferenceTableStore.currentValues(of: target, db)) }
        }
        self.referenced = referenced
        let used = Set(columns.flatMap { $0.positions + ($0.articlePosition.map { [$0] } ?? []) } + lists.positions)
        unusedColumns = header.unused(used: used, ignored: definition.ignore ?? [])
    }

    mutating func load(_ record: CSVRecord, zeros: inout LeadingZeroPolicy) throws -> Rejection? {
        var values: [String?] = []
        values.reserveCapacity(columns.count + 1)
        for column in columns {
            switch Self.value(of: column, in: record, zeros: &zeros) {
            case .success(let value): values.append(value)
            case .failure(let rejection): return rejection.rejection
            }
        }
        for (offset, reference) in referenced {
            if let value = values[offset], !reference.values.contains(value) {
                return Rejection(line: record.line, column: columns[offset].published, value: value,
                                 reason: "unknown \(reference.target): no current row holds it (load the file that defines it first)")
            }
        }
        let items: ReferenceListSplitter.Items
        switch lists.items(of: record, zeros: &zeros) {
        case .items(let parsed): items = parsed
        case .rejected(let rejection): return rejection
        }
        let key = keyOffsets.map { values[$0] }
        if !keyOffsets.isEmpty {
            if let first = firstLineOfKey[key] {
                return Rejection(line: record.line, column: keyOffsets.map { columns[$0].published }.joined(separator: ", "),
                                 value: key.map { $0 ?? "" }.joined(separator: " "),
                                 reason: "duplicate key: already on line \(first)")
            }
            firstLineOfKey[key] = record.line
        }
        if let vintage { values.append(vintage) }
        try writer.write(values)
        valuesWritten += 1 + (try lists.write(items, key: key))
        return nil
    }

    private struct Rejected: Error { let rejection: Rejection }

    /// The value to store for one column, nil for an empty cell.
    private static func value(of column: Column, in record: CSVRecord, zeros: inout LeadingZeroPolicy) -> Result<String?, Rejected> {
        let rule = column.rule
        let parts = column.positions.map { record.string(at: $0) }
        var text = parts.contains(where: \.isEmpty) ? "" : parts.joined()
        func reject(_ reason: String) -> Result<String?, Rejected> {
            .failure(Rejected(rejection: Rejection(line: record.line, column: column.published, value: text, reason: reason)))
        }
        if text.isEmpty {
            return rule.required == true ? reject("a value is required") : .success(nil)
        }
        if let map = rule.map {
            guard let mapped = map[text] else {
                return reject("unexpected value: expected one of \(map.keys.sorted().joined(separator: ", "))")
            }
            text = mapped
        }
        if let kind = rule.code {
            var copy = text
            let outcome = copy.withUTF8 { checkCode($0, kind: kind, line: record.line, column: column.published, zeros: &zeros) }
            switch outcome {
            case .keep: break
            case .replace(let fixed): text = fixed
            case .reject(let rejection): return .failure(Rejected(rejection: rejection))
            }
        }
        switch rule.type {
        case .integer where Int64(text) == nil:
            return reject("not an integer")
        case .number:
            guard !text.contains(" "), Double(text.replacingOccurrences(of: ",", with: ".")) != nil else {
                return reject("not a number (digits, decimal point or comma)")
            }
            text = text.replacingOccurrences(of: ",", with: ".")
        case .date where !isISODate(text):
            return reject("not a date in the form YYYY-MM-DD")
        default:
            break
        }
        if let number = Double(text), rule.type == .integer || rule.type == .number {
            if let min = rule.min, number < min { return reject("below the minimum \(min.formatted())") }
            if let max = rule.max, number > max { return reject("above the maximum \(max.formatted())") }
        }
        if let position = column.articlePosition {
            text = withArticle(record.string(at: position), text)
        }
        return .success(text)
    }

    /// `(L')` + `Abergement` → `L'Abergement`; `(Le)` + `Quesnoy` → `Le Quesnoy`.
    static func withArticle(_ article: String, _ name: String) -> String {
        let bare = article.trimmingCharacters(in: CharacterSet(charactersIn: "() "))
        if bare.isEmpty { return name }
        return bare.hasSuffix("'") ? bare + name : bare + " " + name
    }

    static func isISODate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else { return false }
        guard year >= 1800, (1...12).contains(month) else { return false }
        let isLeap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return (1...days).contains(day)
    }
}
