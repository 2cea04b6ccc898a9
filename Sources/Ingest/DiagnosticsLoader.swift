import Catalog
import Foundation
import GRDB
import Tabular
import Warehouse

/// Loads an energy-diagnostics file (ADEME's DPE, millions of rows) without keeping a
/// row per diagnostic: each one is counted, while streaming, in its commune × year (of
/// the diagnostic) by energy label, building type and construction period, and the counts
/// are written as observations at the end, the year in the code as in INSEE's
/// (`DPE23_N`, `DPE23_N_E`, `DPE23_MAISON_N_F`, `DPE23_AV1948_N_G`, …, period 2023), with
/// the median primary consumption per m² (`DPE23_CONSO_EP_MED`).
///
/// A diagnostic replaced by a later one (its number appears in the replacing one's
/// "replaces" column) is counted once: the file is read a first time for those numbers.
/// Numbers already seen are kept in a temporary table, not in memory. Memory grows with
/// the number of replaced diagnostics and of commune × year groups (72 counters each),
/// and by four bytes per consumption kept for the medians — not with the file's width.
struct DiagnosticsLoader: RecordLoader {
    static let labels = ["A", "B", "C", "D", "E", "F", "G"]
    static let buildingTypes = ["maison": "MAISON", "appartement": "APPARTEMENT", "immeuble": "IMMEUBLE"]
    /// The breakdowns counted, each as `N` then one counter per label: all diagnostics,
    /// by building type, by construction period.
    static let breakdowns = ["", "MAISON", "APPARTEMENT", "IMMEUBLE", "AV1948", "1948_1974", "1975_2000", "2001_2012", "AP2012"]
    private static let slots = labels.count + 1

    /// Construction periods, as in the census' `P{yy}_RP_ACH…` breakdown.
    static func period(ofConstructionYear year: Int) -> String {
        switch year {
        case ..<1948: "AV1948"
        case ..<1975: "1948_1974"
        case ..<2001: "1975_2000"
        case ..<2013: "2001_2012"
        default: "AP2012"
        }
    }

    private struct Group: Hashable {
        let commune: String
        let year: String
    }

    private let sourceID: String
    private let fileID: Int64
    private let db: Database
    private let columns: (id: Int, replaces: Int?, commune: Int, label: Int, date: Int, buildingType: Int, year: Int?, consumption: Int)
    private let names: SourceDefinition.DiagnosticsRule
    private let replaced: Set<String>
    /// Numbers already loaded, in a temporary table (flat memory whatever the file's length).
    private let remember: Statement
    private var counts: [Group: [Int32]] = [:]
    private var consumptions: [Group: [Float]] = [:]
    private var replacedSkipped = 0
    private(set) var valuesWritten = 0
    let unusedColumns: [String] = []

    init(definition: SourceDefinition, header: HeaderIndex, reader: any RecordReader, fileID: Int64, _ db: Database) throws {
        guard let rule = definition.diagnostics else { preconditionFailure("validated by SourceCatalog") }
        names = rule
        columns = (try header.require(rule.id), try rule.replaces.map { try header.require($0) }, try header.require(rule.commune),
                   try header.require(rule.label), try header.require(rule.date), try header.require(rule.buildingType),
                   rule.constructionYear.flatMap { header.position(of: $0) }, try header.require(rule.consumption))
        sourceID = definition.id
        self.fileID = fileID
        self.db = db
        replaced = try Self.replacedNumbers(path: reader.path, column: columns.replaces, reader: reader)
        try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS diagnostic_numbers (number TEXT PRIMARY KEY) WITHOUT ROWID")
        try db.execute(sql: "DELETE FROM temp.diagnostic_numbers")
        remember = try db.makeStatement(sql: "INSERT OR IGNORE INTO temp.diagnostic_numbers (number) VALUES (?)")
    }

    /// The numbers of the diagnostics that a later one of the file replaces (first read).
    private static func replacedNumbers(path: String, column: Int?, reader: any RecordReader) throws -> Set<String> {
        guard let column, let csv = reader as? CSVReader else { return [] }
        var numbers: Set<String> = []
        try CSVReader(path: path, delimiter: csv.delimiter, encoding: csv.encoding).forEachRecord { record in
            guard record.defect == nil, column < record.count else { return }
            let number = record.string(at: column).trimmingCharacters(in: .whitespaces)
            if !number.isEmpty { numbers.insert(number) }
        }
        return numbers
    }

    var notes: [String] {
        replacedSkipped == 0 ? [] : ["\(replacedSkipped) diagnostics replaced by a later one in the file counted once (the later one)"]
    }

    mutating func load(_ record: CSVRecord, zeros: inout LeadingZeroPolicy) throws -> Rejection? {
        let number = record.string(at: columns.id).trimmingCharacters(in: .whitespaces)
        guard !number.isEmpty else { return reject(record, names.id, "", "a diagnostic without its number") }
        try remember.execute(arguments: [number])
        guard db.changesCount == 1 else { return reject(record, names.id, number, "diagnostic number already seen in this file") }
        if !replaced.isEmpty, replaced.contains(number) {
            replacedSkipped += 1
            return nil
        }
        var commune = record.string(at: columns.commune)
        switch Self.checkCode(record.bytes(at: columns.commune), kind: .commune, line: record.line, column: names.commune, zeros: &zeros) {
        case .keep: break
        case .replace(let fixed): commune = fixed
        case .reject(let rejection): return rejection
        }
        guard let label = Self.label(record.bytes(at: columns.label)) else {
            return reject(record, names.label, record.string(at: columns.label), "an energy label is one of A to G")
        }
        guard let year = Self.year(ofDate: record.bytes(at: columns.date)) else {
            return reject(record, names.date, record.string(at: columns.date), "a date is written YYYY-MM-DD")
        }
        guard let type = Self.buildingType(record.bytes(at: columns.buildingType)) else {
            return reject(record, names.buildingType, record.string(at: columns.buildingType),
                          "a building type is maison, appartement or immeuble")
        }
        let consumptionText = record.string(at: columns.consumption).trimmingCharacters(in: .whitespaces)
        let consumption = consumptionText.isEmpty ? nil : DecimalParser.parse(consumptionText)
        guard consumptionText.isEmpty || (consumption.map { $0 >= 0 } ?? false) else {
            return reject(record, names.consumption, consumptionText, "a consumption is a number of kWh/m²/year, zero or more")
        }
        var period: Int?
        if let position = columns.year, !record.bytes(at: position).allSatisfy({ $0 == UInt8(ascii: " ") }) {
            guard let built = Self.constructionYear(record.bytes(at: position)) else {
                return reject(record, names.constructionYear ?? "", record.string(at: position), "a construction year is a year such as 1936")
            }
            period = Self.breakdowns.firstIndex(of: Self.period(ofConstructionYear: built))
        }
        let group = Group(commune: commune, year: year)
        var tally = counts.removeValue(forKey: group) ?? Array(repeating: 0, count: Self.breakdowns.count * Self.slots)
        // All diagnostics, the building type, the construction period when known.
        for breakdown in [0, type, period ?? -1] where breakdown >= 0 {
            tally[breakdown * Self.slots] += 1
            tally[breakdown * Self.slots + 1 + label] += 1
        }
        counts[group] = tally
        if let consumption { consumptions[group, default: []].append(Float(consumption)) }
        return nil
    }

    private func reject(_ record: CSVRecord, _ column: String, _ value: String, _ reason: String) -> Rejection {
        Rejection(line: record.line, column: column, value: value, reason: reason)
    }

    /// The label's index (A = 0 … G = 6), upper or lower case, spaces around allowed.
    static func label(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var letter: UInt8?
        for byte in bytes where byte != UInt8(ascii: " ") {
            guard letter == nil else { return nil }
            letter = byte & 0xDF
        }
        guard let letter, (UInt8(ascii: "A")...UInt8(ascii: "G")).contains(letter) else { return nil }
        return Int(letter - UInt8(ascii: "A"))
    }

    /// `2023-05-12…` → "2023".
    static func year(ofDate bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              [0, 1, 2, 3, 5, 6, 8, 9].allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[$0]) }),
              bytes[0] == UInt8(ascii: "1") && bytes[1] == UInt8(ascii: "9") || bytes[0] == UInt8(ascii: "2") && bytes[1] == UInt8(ascii: "0"),
              bytes[5] <= UInt8(ascii: "1"), bytes[8] <= UInt8(ascii: "3") else { return nil }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<4]), as: UTF8.self)
    }

    /// The breakdown index of a building type (`maison` → 1 …), case ignored.
    static func buildingType(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespaces).lowercased()
        return buildingTypes[text].flatMap { breakdowns.firstIndex(of: $0) }
    }

    /// `1936` or `1936.0` → 1936, within 1000–2100.
    static func constructionYear(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var year = 0
        var digits = 0
        for byte in bytes {
            if byte == UInt8(ascii: ".") { break }
            if byte == UInt8(ascii: " ") { continue }
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte), digits < 4 else { return nil }
            year = year * 10 + Int(byte - UInt8(ascii: "0"))
            digits += 1
        }
        return digits == 4 && (1000...2100).contains(year) ? year : nil
    }

    /// Writes the counts of every commune × year, and the medians.
    mutating func finish() throws {
        try db.execute(sql: "DROP TABLE IF EXISTS temp.diagnostic_numbers")
        let writer = try ObservationWriter(fileID: fileID, db)
        var variables: [String: Int64] = [:]
        func variable(_ name: String, year: String) throws -> Int64 {
            let code = "DPE" + year.suffix(2) + name.dropFirst(3)
            if let id = variables[code] { return id }
            let id = try SourceRegistry.variableID(sourceID: sourceID, code: code, period: year, label: Self.label(of: name) + " (\(year))",
                                                   additive: name != "DPE_CONSO_EP_MED", db)
            variables[code] = id
            return id
        }
        for (group, tally) in counts.sorted(by: { ($0.key.commune, $0.key.year) < ($1.key.commune, $1.key.year) }) {
            // Label counts are written only when not zero (the indicators declare absent_is_zero):
            // most commune × years have a handful of diagnostics, and zeros would be most rows.
            var values: [(String, Double)] = []
            for (index, breakdown) in Self.breakdowns.enumerated() where tally[index * Self.slots] > 0 {
                let prefix = breakdown.isEmpty ? "DPE" : "DPE_" + breakdown
                values.append((prefix + "_N", Double(tally[index * Self.slots])))
                for (offset, label) in Self.labels.enumerated() where tally[index * Self.slots + 1 + offset] > 0 {
                    values.append((prefix + "_N_" + label, Double(tally[index * Self.slots + 1 + offset])))
                }
            }
            if let median = consumptions[group].map(Self.median) { values.append(("DPE_CONSO_EP_MED", median)) }
            try Array(group.commune.utf8).withUnsafeBufferPointer { code in
                // Paris, Lyon and Marseille diagnostics carry their arrondissement's code.
                let level = CodeKind.commune.level(of: code)
                for (name, value) in values {
                    try writer.write(territoryCode: code, level: level, variableID: try variable(name, year: group.year), value: value, status: "ok")
                }
            }
            valuesWritten += values.count
        }
        try writer.flush()
    }

    static func median(_ values: [Float]) -> Double {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? Double(sorted[middle]) : (Double(sorted[middle - 1]) + Double(sorted[middle])) / 2
    }

    /// `DPE_MAISON_N_F` → "Diagnostics de performance énergétique, maisons, étiquette F".
    static func label(of code: String) -> String {
        if code == "DPE_CONSO_EP_MED" { return "Consommation d'énergie primaire médiane des DPE (kWh/m²/an)" }
        var parts = code.split(separator: "_").dropFirst().map(String.init)
        var words = ["Nombre de DPE"]
        let scope = parts.prefix { $0 != "N" }
        parts.removeFirst(scope.count + 1)
        switch scope.joined(separator: "_") {
        case "": break
        case "MAISON": words.append("maisons")
        case "APPARTEMENT": words.append("appartements")
        case "IMMEUBLE": words.append("immeubles")
        case "AV1948": words.append("logements construits avant 1948")
        case "AP2012": words.append("logements construits après 2012")
        case let range: words.append("logements construits de " + range.replacingOccurrences(of: "_", with: " à "))
        }
        if let label = parts.first { words.append("étiquette \(label)") }
        return words.joined(separator: ", ")
    }
}
