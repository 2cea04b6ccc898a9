import Catalog
import GRDB
import Tabular
import Warehouse

/// Splits the list cells of a reference-table row (`59632|59491`, `Maisons & Cités:380|SIA
/// Habitat:60`) into rows of child tables keyed by the row's table key, so that a cité on
/// several communes or with several owners is queried with joins, never by parsing text.
struct ReferenceListSplitter {
    private struct List {
        let rule: SourceDefinition.ListRule
        let position: Int
        let published: String
        let writer: ReferenceTableWriter
    }

    /// The items of every list of one record, in the order of the rules.
    typealias Items = [[[String?]]]

    enum Parsed {
        case items(Items)
        case rejected(Rejection)
    }

    private let lists: [List]

    init(rules: [SourceDefinition.ListRule], keyColumns: [String], header: HeaderIndex, fileID: Int64, _ db: Database) throws {
        // An optional list whose column the file lacks has no items (and no writer).
        lists = try rules.filter { $0.optional != true || header.position(of: $0.from) != nil }.map { rule in
            let position = try header.require(rule.from)
            return List(rule: rule, position: position, published: header.header[position],
                 writer: try ReferenceTableWriter(table: rule.table, columns: keyColumns + rule.columns, fileID: fileID, db))
        }
    }

    /// Published columns the lists read.
    var positions: [Int] { lists.map(\.position) }

    /// Parses every list of a record; a malformed item rejects the row before anything is written.
    func items(of record: CSVRecord, zeros: inout LeadingZeroPolicy) -> Parsed {
        var all: Items = []
        for list in lists {
            let cell = record.string(at: list.position)
            let column = list.published
            func reject(_ value: String, _ reason: String) -> Parsed {
                .rejected(Rejection(line: record.line, column: column, value: value, reason: reason))
            }
            if cell.isEmpty {
                if list.rule.required == true { return reject(cell, "a value is required: at least one item separated by '\(list.rule.separator)'") }
                all.append([])
                continue
            }
            var items: [[String?]] = []
            for raw in cell.components(separatedBy: list.rule.separator) {
                let item = raw.trimmingCharacters(in: .whitespaces)
                var parts = [item]
                if let pair = list.rule.pair {
                    guard let split = item.range(of: pair, options: .backwards) else {
                        return reject(item, "expected NAME\(pair)VALUE in each item separated by '\(list.rule.separator)'")
                    }
                    parts = [String(item[..<split.lowerBound]).trimmingCharacters(in: .whitespaces),
                             String(item[split.upperBound...]).trimmingCharacters(in: .whitespaces)]
                }
                guard !parts[0].isEmpty else { return reject(cell, "empty item in the list") }
                if let kind = list.rule.code {
                    var copy = parts[0]
                    switch copy.withUTF8({ ReferenceTableLoader.checkCode($0, kind: kind, line: record.line, column: column, zeros: &zeros) }) {
                    case .keep: break
                    case .replace(let fixed): parts[0] = fixed
                    case .reject(let rejection): return .rejected(rejection)
                    }
                }
                if parts.count == 2, list.rule.valueType == .integer, Int64(parts[1]) == nil {
                    return reject(item, "'\(parts[1])' is not an integer")
                }
                if items.contains(where: { $0.first == parts[0] }) { return reject(item, "\(parts[0]) is listed twice") }
                items.append(parts)
            }
            all.append(items)
        }
        return .items(all)
    }

    /// Writes the items of one record under its key; returns the rows written.
    func write(_ items: Items, key: [String?]) throws -> Int {
        var written = 0
        for (list, rows) in zip(lists, items) {
            for row in rows {
                try list.writer.write(key + row)
                written += 1
            }
        }
        return written
    }
}
