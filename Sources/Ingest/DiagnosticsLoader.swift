import Catalog
import GRDB
import Tabular
import Warehouse

/// Loads an energy-diagnostics file (ADEME's DPE, millions of rows) without keeping a
/// row per diagnostic: each one is counted, while streaming, in its commune × year (of
/// the diagnostic) by energy label, building type and construction period, and the counts
/// are written at the end, a packed row per commune (`observation_rows`, cells named by
/// slot), the year in the code as in INSEE's (`DPE23_N`, `DPE23_N_E`, `DPE23_MAISON_N_F`,
/// `DPE23_AV1948_N_G`, …, period 2023).
///
/// Each breakdown also gets its median primary consumption per m² (`DPE23_CONSO_EP_MED`,
/// `DPE23_MAISON_CONSO_EP_MED`, …) and its diagnostics counted by consumption class
/// (`DPE23_MAISON_CONSO_EP_C250`: 250 to 260 kWh/m²/year): a median does not add up, the
/// classes do, so that compute can give any territory the median of its diagnostics
/// (grouped). Paris, Lyon and Marseille get their own counts and exact medians from the
/// diagnostics of their arrondissements, which no sum of arrondissement medians would give.
///
/// A diagnostic replaced by a later one (its number appears in the replacing one's
/// "replaces" column) is counted once: the file is read a first time for those numbers.
/// Numbers already seen are kept in a temporary table, not in memory. Memory grows with
/// the number of replaced diagnostics and of commune × year groups (72 counters each),
/// and by five bytes per diagnostic with a consumption (the consumption in four, its
/// building type and period in one) — not with the file's width.
struct DiagnosticsLoader: RecordLoader {
    static let labels = ["A", "B", "C", "D", "E", "F", "G"]
    static let buildingTypes = ["maison": "MAISON", "appartement": "APPARTEMENT", "immeuble": "IMMEUBLE"]
    /// The breakdowns counted, each as `N` then one counter per label: all diagnostics,
    /// by building type, by construction period.
    static let breakdowns = ["", "MAISON", "APPARTEMENT", "IMMEUBLE", "AV1948", "1948_1974", "1975_2000", "2001_2012", "AP2012"]
    private static let slots = labels.count + 1
    /// Consumption classes (kWh/m²/year) for the medians of larger territories: 10 wide
    /// from 0, the last one open (800 or more), as `pipelines/indicators/7-energie.yaml` declares them.
    static let classWidth = 10
    static let openClass = 80

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

    /// What one commune × year accumulates: counters in fixed slots (breakdown × N and
    /// labels), and each consumption with its breakdowns packed in a byte (building type
    /// in the low four bits, construction period in the high four, 0 when unknown).
    private struct Tally {
        var counts = [Int32](repeating: 0, count: DiagnosticsLoader.breakdowns.count * DiagnosticsLoader.slots)
        var consumptions: [Float] = []
        var breakdownsOfConsumption: [UInt8] = []

        mutating func add(label: Int, type: Int, period: Int?, consumption: Float?) {
            count(label, in: 0)
            count(label, in: type)
            if let period { count(label, in: period) }
            if let consumption {
                consumptions.append(consumption)
                breakdownsOfConsumption.append(UInt8(type) | UInt8(period ?? 0) << 4)
            }
        }

        private mutating func count(_ label: Int, in breakdown: Int) {
            counts[breakdown * DiagnosticsLoader.slots] += 1
            counts[breakdown * DiagnosticsLoader.slots + 1 + label] += 1
        }

        mutating func merge(_ other: Tally) {
            for index in counts.indices { counts[index] += other.counts[index] }
            consumptions += other.consumptions
            breakdownsOfConsumption += other.breakdownsOfConsumption
        }

        func isIn(_ breakdown: Int, _ position: Int) -> Bool {
            let packed = breakdownsOfConsumption[position]
            return breakdown == 0 || Int(packed & 0x0F) == breakdown || Int(packed >> 4) == breakdown
        }
    }

    private let sourceID: String
    private let fileID: Int64
    private let db: Database
    private let columns: (id: Int, replaces: Int?, commune: Int, label: Int, date: Int, buildingType: Int, year: Int?, consumption: Int)
    private let names: SourceDefinition.DiagnosticsRule
    private let replaced: Set<String>
    /// Numbers already loaded, in a temporary table (flat memory whatever the file's length),
    /// bound from the record's bytes: one statement per diagnostic, millions of them.
    private let remember: PreparedInsert
    /// With `ingest --keep-rows`: each diagnostic counted, also written to `diagnostics`.
    private let rows: PreparedInsert?
    private var tallies: [Group: Tally] = [:]
    private var replacedSkipped = 0
    /// The main page cache's size before this file (`limitPageCaches`).
    private let mainCacheSize: Int
    private(set) var valuesWritten = 0
    let unusedColumns: [String] = []

    init(definition: SourceDefinition, header: HeaderIndex, reader: any RecordReader, fileID: Int64, keepRows: Bool = false,
         _ db: Database) throws {
        guard let rule = definition.diagnostics else { preconditionFailure("validated by SourceCatalog") }
        names = rule
        columns = (try header.require(rule.id), try rule.replaces.map { try header.require($0) }, try header.require(rule.commune),
                   try header.require(rule.label), try header.require(rule.date), try header.require(rule.buildingType),
                   rule.constructionYear.flatMap { header.position(of: $0) }, try header.require(rule.consumption))
        sourceID = definition.id
        self.fileID = fileID
        self.db = db
        replaced = try Self.replacedNumbers(path: reader.path, column: columns.replaces, reader: reader)
        mainCacheSize = try Self.limitPageCaches(db)
        try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS diagnostic_numbers (number TEXT PRIMARY KEY) WITHOUT ROWID")
        try db.execute(sql: "DELETE FROM temp.diagnostic_numbers")
        remember = try PreparedInsert(db, sql: "INSERT OR IGNORE INTO temp.diagnostic_numbers (number) VALUES (?)")
        rows = keepRows ? try PreparedInsert(db, sql: """
            INSERT INTO diagnostics (file_id, line, number, commune, date, label, building_type, construction_year, consumption)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """) : nil
    }

    /// Page caches while a diagnostics file loads. Each schema of the connection has its own
    /// cache, as large as the warehouse's (64 MiB, as `Warehouse` sets it): the numbers of
    /// millions of diagnostics filled the temporary one, the observations written at the end
    /// the main one — 60 of the 214 MB of a DPE file of 2,000,000 rows. Both are written in
    /// key order (numbers looked up as they come, observations appended commune by commune),
    /// so small caches cost little. The main one is given back by `finish`.
    static func limitPageCaches(_ db: Database) throws -> Int {
        let main = try Int.fetchOne(db, sql: "PRAGMA main.cache_size") ?? -2000
        try db.execute(sql: "PRAGMA temp.cache_size = -2048")
        try db.execute(sql: "PRAGMA main.cache_size = -8192")
        return main
    }

    /// The numbers of the diagnostics that a later one of the file replaces (first read).
    private static func replacedNumbers(path: String, column: Int?, reader: any RecordReader) throws -> Set<String> {
        guard let column, let csv = reader as? CSVReader else { return [] }
        var numbers: Set<String> = []
        try CSVReader(path: path, delimiter: csv.delimiter, encoding: csv.encoding).forEachRecord { record in
            guard record.defect == nil, column < record.count else { return }
            let number = record.bytes(at: column).trimmingSpaces
            if !number.isEmpty { numbers.insert(String(decoding: number, as: UTF8.self)) }
        }
        return numbers
    }

    var notes: [String] {
        replacedSkipped == 0 ? [] : ["\(replacedSkipped) diagnostics replaced by a later one in the file counted once (the later one)"]
    }

    mutating func load(_ record: CSVRecord, zeros: inout LeadingZeroPolicy) throws -> Rejection? {
        let numberBytes = record.bytes(at: columns.id).trimmingSpaces
        guard !numberBytes.isEmpty else { return reject(record, names.id, "", "a diagnostic without its number") }
        remember.bind(1, bytes: numberBytes)
        try remember.execute()
        var number: String { String(decoding: numberBytes, as: UTF8.self) }
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
        let consumptionBytes = record.bytes(at: columns.consumption).trimmingSpaces
        let consumption = consumptionBytes.isEmpty ? nil : DecimalParser.parse(consumptionBytes)
        guard consumptionBytes.isEmpty || (consumption.map { $0 >= 0 } ?? false) else {
            return reject(record, names.consumption, String(decoding: consumptionBytes, as: UTF8.self),
                          "a consumption is a number of kWh/m²/year, zero or more")
        }
        var period: Int?
        var built: Int?
        if let position = columns.year, !record.bytes(at: position).allSatisfy({ $0 == UInt8(ascii: " ") }) {
            built = Self.constructionYear(record.bytes(at: position))
            guard let built else {
                return reject(record, names.constructionYear ?? "", record.string(at: position), "a construction year is a year such as 1936")
            }
            period = Self.breakdowns.firstIndex(of: Self.period(ofConstructionYear: built))
        }
        if let rows {
            let date = record.bytes(at: columns.date)
            rows.bind(1, Int64?(fileID))
            rows.bind(2, Int64?(Int64(record.line)))
            rows.bind(3, number)
            rows.bind(4, commune)
            rows.bind(5, String(decoding: UnsafeBufferPointer(rebasing: date[0..<10]), as: UTF8.self))
            rows.bind(6, Self.labels[label])
            rows.bind(7, Self.breakdowns[type].lowercased())
            rows.bind(8, built.map(Int64.init))
            rows.bind(9, consumption)
            try rows.execute()
        }
        // All diagnostics, the building type, the construction period when known (in place).
        tallies[Group(commune: commune, year: year), default: Tally()]
            .add(label: label, type: type, period: period, consumption: consumption.map(Float.init))
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
        let text = String(decoding: bytes.trimmingSpaces, as: UTF8.self).lowercased()
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

    /// Writes the counts, medians and consumption classes of every commune × year, then
    /// those of Paris, Lyon and Marseille from their arrondissements.
    mutating func finish() throws {
        try db.execute(sql: "DROP TABLE IF EXISTS temp.diagnostic_numbers")
        let writer = try PackedRowWriter(fileID: fileID, db)
        var columns: [String: [Int?]] = [:]  // the file's column of each slot, by year
        func column(_ slot: Int, year: String) throws -> Int {
            if let column = columns[year]?[slot] { return column }
            let name = Self.slotNames[slot]
            let code = "DPE" + year.suffix(2) + name.dropFirst(3)
            let id = try SourceRegistry.variableID(sourceID: sourceID, code: code, period: year, label: Self.label(of: name) + " (\(year))",
                                                   additive: !name.hasSuffix("_MED"), db)
            let column = try writer.addColumn(variableID: id)
            columns[year, default: Array(repeating: nil, count: Self.slotNames.count)][slot] = column
            return column
        }
        // A diagnostic coded with the commune itself (75056) belongs to it with those of its arrondissements.
        var cities: [Group: Tally] = [:]
        for (group, tally) in tallies {
            guard let city = CodeKind.parentOfArrondissement(group.commune)
                ?? (CodeKind.communesWithArrondissements.contains(group.commune) ? group.commune : nil) else { continue }
            cities[Group(commune: city, year: group.year), default: Tally()].merge(tally)
        }
        let groups = Set(tallies.keys).union(cities.keys).sorted { ($0.commune, $0.year) < ($1.commune, $1.year) }
        var buffer: [Float] = []
        // One row per commune, every year in it: a few hundred values of thousands of
        // possible codes, so its cells name their slots.
        var commune: [(column: Int, value: Double)] = []
        var cells = PackedCells()
        for (index, group) in groups.enumerated() {
            if let tally = cities[group] ?? tallies[group] {
                for (slot, value) in Self.observations(of: tally, buffer: &buffer) {
                    commune.append((try column(slot, year: group.year), value))
                }
            }
            guard index == groups.count - 1 || groups[index + 1].commune != group.commune else { continue }
            cells.startNamed()
            for (column, value) in commune { cells.append(value, at: column) }
            cells.finishNamed()
            try Array(group.commune.utf8).withUnsafeBufferPointer { code in
                // Paris, Lyon and Marseille diagnostics carry their arrondissement's code.
                try writer.write(territoryCode: code, level: CodeKind.commune.level(of: code), cells: cells)
            }
            valuesWritten += commune.count
            commune.removeAll(keepingCapacity: true)
        }
        try db.execute(sql: "PRAGMA main.cache_size = \(mainCacheSize)")
    }

    /// The observations of one commune × year, by slot (`slotNames`: codes without their
    /// year, `DPE_MAISON_N_E`). Label counts and classes are written only when not zero (the
    /// indicators declare absent_is_zero): most commune × years have a handful of
    /// diagnostics, and zeros would be most rows. `buffer` is reused from one group to the next.
    private static func observations(of tally: Tally, buffer: inout [Float]) -> [(slot: Int, value: Double)] {
        var values: [(slot: Int, value: Double)] = []
        for index in breakdowns.indices where tally.counts[index * slots] > 0 {
            let first = index * slotsPerBreakdown
            values.append((first, Double(tally.counts[index * slots])))
            for offset in labels.indices where tally.counts[index * slots + 1 + offset] > 0 {
                values.append((first + 1 + offset, Double(tally.counts[index * slots + 1 + offset])))
            }
            buffer.removeAll(keepingCapacity: true)
            for position in tally.consumptions.indices where tally.isIn(index, position) { buffer.append(tally.consumptions[position]) }
            guard !buffer.isEmpty else { continue }
            buffer.sort()
            values.append((first + slots, median(ofSorted: buffer)))
            var start = 0
            while start < buffer.count {
                let consumptionClass = Self.consumptionClass(buffer[start])
                var end = start + 1
                while end < buffer.count, Self.consumptionClass(buffer[end]) == consumptionClass { end += 1 }
                values.append((first + slots + 1 + consumptionClass, Double(end - start)))
                start = end
            }
        }
        return values
    }

    /// Per breakdown: `N`, one count per label, the median, one count per consumption class.
    private static let slotsPerBreakdown = slots + 1 + openClass + 1

    /// The code (without its year) of each slot an observation of a commune × year fills:
    /// built once, so that writing millions of observations builds no string.
    static let slotNames: [String] = breakdowns.flatMap { breakdown -> [String] in
        let prefix = breakdown.isEmpty ? "DPE" : "DPE_" + breakdown
        let counts: [String] = [prefix + "_N"] + labels.map { label in prefix + "_N_" + label }
        let classes: [String] = (0...openClass).map { index in prefix + "_CONSO_EP_C\(index * classWidth)" }
        return counts + [prefix + "_CONSO_EP_MED"] + classes
    }

    /// The class of a consumption: 0 for 0–10, …, `openClass` for 800 or more.
    static func consumptionClass(_ value: Float) -> Int {
        min(Int(Double(value) / Double(classWidth)), openClass)
    }

    /// A consumption as published: the shortest decimal giving back the same four bytes
    /// (74.2, not 74.19999694824219), exact for the published one-decimal values.
    static func published(_ value: Float) -> Double {
        Double(value.description) ?? Double(value)
    }

    static func median(ofSorted values: [Float]) -> Double {
        let middle = values.count / 2
        return values.count % 2 == 1 ? published(values[middle]) : (published(values[middle - 1]) + published(values[middle])) / 2
    }

    /// `DPE_MAISON_N_F` → "Nombre de DPE, maisons, étiquette F"; `DPE_MAISON_CONSO_EP_MED`,
    /// `DPE_CONSO_EP_C250` → the median, the diagnostics of a consumption class.
    static func label(of code: String) -> String {
        var parts = code.split(separator: "_").dropFirst().map(String.init)
        let scope = parts.prefix { $0 != "N" && $0 != "CONSO" }
        parts.removeFirst(scope.count)
        let who: String? = switch scope.joined(separator: "_") {
        case "": nil
        case "MAISON": "maisons"
        case "APPARTEMENT": "appartements"
        case "IMMEUBLE": "immeubles"
        case "AV1948": "logements construits avant 1948"
        case "AP2012": "logements construits après 2012"
        case let range: "logements construits de " + range.replacingOccurrences(of: "_", with: " à ")
        }
        if parts.first == "CONSO" {
            if parts.last == "MED" {
                return "Consommation d'énergie primaire médiane des DPE" + (who.map { ", " + $0 } ?? "") + " (kWh/m²/an)"
            }
            let lower = Int(parts.last?.dropFirst() ?? "") ?? 0
            let range = lower >= openClass * classWidth ? "\(lower) kWh/m²/an ou plus" : "de \(lower) à \(lower + classWidth) kWh/m²/an"
            return (["Nombre de DPE"] + (who.map { [$0] } ?? []) + ["consommation d'énergie primaire " + range]).joined(separator: ", ")
        }
        var words = ["Nombre de DPE"] + (who.map { [$0] } ?? [])
        if parts.count > 1 { words.append("étiquette \(parts[1])") }
        return words.joined(separator: ", ")
    }
}
