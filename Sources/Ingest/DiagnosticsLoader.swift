import Catalog
import Core
import GRDB
import Tabular
import Warehouse

/// Loads an energy-diagnostics file (ADEME's DPE, millions of rows) without keeping a
/// row per diagnostic: each one is counted in its commune × year (of
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
/// "replaces" column) is counted once, and a number seen again is rejected. Neither can be
/// known before the end of the file, so nothing is counted while reading: each diagnostic
/// is kept as 16 bytes (commune, year, label, type, period, consumption, line) and each
/// number as 32, both sorted on disk when they outgrow their batches (`ExternalSorter`).
/// At the end, the numbers in order give the lines not to count; the diagnostics in
/// commune × year order are counted one group at a time. Memory stays flat whatever the
/// file's length, but for one bit per line and the largest group's consumptions.
struct DiagnosticsLoader: RecordLoader {
    static let labels = ["A", "B", "C", "D", "E", "F", "G"]
    static let buildingTypes = ["maison": "MAISON", "appartement": "APPARTEMENT", "immeuble": "IMMEUBLE"]
    /// The breakdowns counted, each as `N` then one counter per label: all diagnostics,
    /// by building type, by construction period.
    static let breakdowns = ["", "MAISON", "APPARTEMENT", "IMMEUBLE", "AV1948", "1948_1974", "1975_2000", "2001_2012", "AP2012"]
    /// Counters per breakdown: `N`, then one per label.
    static let slots = labels.count + 1
    /// Consumption classes (kWh/m²/year) for the medians of larger territories: 10 wide
    /// from 0, the last one open (800 or more), as `pipelines/indicators/7-energie.yaml` declares them.
    static let classWidth = 10
    static let openClass = 80
    /// Records per sorted batch: 2 MiB of each kind.
    private static let batchBytes = 2 << 20

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

    private let sourceID: String
    private let path: String
    private let fileID: Int64
    private let db: Database
    private let columns: (id: Int, replaces: Int?, commune: Int, label: Int, date: Int, buildingType: Int, year: Int?, consumption: Int)
    private let names: SourceDefinition.DiagnosticsRule
    /// Every number seen, with its line, and every number another diagnostic replaces.
    private var numbers = ExternalSorter<NumberSighting>(batchSize: batchBytes / MemoryLayout<NumberSighting>.stride)
    /// Every diagnostic not rejected while reading, and again under Paris, Lyon or
    /// Marseille for one of their arrondissements.
    private var diagnostics = ExternalSorter<CountedDiagnostic>(batchSize: batchBytes / MemoryLayout<CountedDiagnostic>.stride)
    /// Lines not to count: rejected, replaced or repeating an earlier number.
    private var uncounted = LineSet()
    /// With `ingest --keep-rows`: each diagnostic, also written to `diagnostics` (those not
    /// to count are deleted at the end).
    private let rows: ObservationStore.DiagnosticRowWriter?
    private var replacedSkipped = 0
    private(set) var valuesWritten = 0
    let unusedColumns: [String] = []

    init(definition: SourceDefinition, header: HeaderIndex, fileID: Int64, keepRows: Bool = false, _ db: Database) throws {
        guard let rule = definition.diagnostics else { preconditionFailure("validated by SourceCatalog") }
        names = rule
        columns = (try header.require(rule.id), try rule.replaces.map { try header.require($0) }, try header.require(rule.commune),
                   try header.require(rule.label), try header.require(rule.date), try header.require(rule.buildingType),
                   rule.constructionYear.flatMap { header.position(of: $0) }, try header.require(rule.consumption))
        sourceID = definition.id
        path = header.path
        self.fileID = fileID
        self.db = db
        rows = keepRows ? try ObservationStore.DiagnosticRowWriter(fileID: fileID, db) : nil
    }

    var notes: [String] {
        replacedSkipped == 0 ? [] : ["\(replacedSkipped) diagnostics replaced by a later one in the file counted once (the later one)"]
    }

    mutating func load(_ record: CSVRecord, zeros: inout LeadingZeroPolicy) throws -> Rejection? {
        guard let line = UInt32(exactly: record.line) else {
            throw ObservatoireError(.tooManyLines, "a diagnostics file has at most \(UInt32.max) lines", path: path, line: record.line)
        }
        if let column = columns.replaces {
            // A longer number is rejected below, so it replaces nothing.
            let replaced = record.bytes(at: column).trimmingSpaces
            if !replaced.isEmpty, replaced.count <= NumberSighting.capacity { try numbers.append(NumberSighting(replaced, line: 0)) }
        }
        let number = record.bytes(at: columns.id).trimmingSpaces
        guard !number.isEmpty else { return reject(record, names.id, "", "a diagnostic without its number") }
        guard number.count <= NumberSighting.capacity else {
            return reject(record, names.id, String(decoding: number, as: UTF8.self),
                          "a diagnostic number has at most \(NumberSighting.capacity) characters (ADEME's have 13)")
        }
        try numbers.append(NumberSighting(number, line: UInt64(line)))
        let rejection = try keep(record, line: line, number: number, zeros: &zeros)
        if rejection != nil { uncounted.insert(line) }
        return rejection
    }

    /// Checks a diagnostic whose number was noted, and keeps it for counting.
    private mutating func keep(_ record: CSVRecord, line: UInt32, number: UnsafeBufferPointer<UInt8>,
                               zeros: inout LeadingZeroPolicy) throws -> Rejection? {
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
        var period = 0
        var built: Int?
        if let position = columns.year, !record.bytes(at: position).allSatisfy({ $0 == UInt8(ascii: " ") }) {
            built = Self.constructionYear(record.bytes(at: position))
            guard let built else {
                return reject(record, names.constructionYear ?? "", record.string(at: position), "a construction year is a year such as 1936")
            }
            period = Self.breakdowns.firstIndex(of: Self.period(ofConstructionYear: built)) ?? 0
        }
        if let rows {
            let date = record.bytes(at: columns.date)
            try rows.write(line: Int64(line), number: number, commune: commune, date: UnsafeBufferPointer(rebasing: date[0..<10]),
                           label: Self.labels[label], buildingType: Self.breakdowns[type].lowercased(),
                           constructionYear: built.map(Int64.init), consumption: consumption)
        }
        let diagnostic = CountedDiagnostic(commune: commune, year: year, label: label, buildingType: type, period: period,
                                           consumption: consumption.map(Float.init) ?? .nan, line: line)
        try diagnostics.append(diagnostic)
        // A diagnostic coded with an arrondissement also belongs to its city (75056, …).
        if let city = CodeKind.parentOfArrondissement(commune) { try diagnostics.append(diagnostic.under(city)) }
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

    /// `2023-05-12…` → 2023 (1900 to 2099).
    static func year(ofDate bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              [0, 1, 2, 3, 5, 6, 8, 9].allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[$0]) }),
              bytes[0] == UInt8(ascii: "1") && bytes[1] == UInt8(ascii: "9") || bytes[0] == UInt8(ascii: "2") && bytes[1] == UInt8(ascii: "0"),
              bytes[5] <= UInt8(ascii: "1"), bytes[8] <= UInt8(ascii: "3") else { return nil }
        return bytes[0..<4].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
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

    /// Rejects the numbers seen again, leaves out the replaced diagnostics, then writes the
    /// counts, medians and consumption classes of every commune × year.
    mutating func finish(rejecting reject: (Rejection) throws -> Void) throws {
        try leaveOutRepeatedAndReplaced(reject)
        try writeCounts()
    }

    /// Goes through the numbers in order: for each, the mentions in a "replaces" column
    /// come first (line 0), then its lines in file order. The first line is counted unless
    /// a mention replaces it; any later one is rejected, unless already rejected for another field.
    private mutating func leaveOutRepeatedAndReplaced(_ reject: (Rejection) throws -> Void) throws {
        // Taken out of `self`, which the closure below updates.
        var sorted = ExternalSorter<NumberSighting>(batchSize: 1)
        swap(&sorted, &numbers)
        var previous: NumberSighting?
        var isReplaced = false
        var firstLine: UInt64?
        try sorted.drain { sighting in
            if previous.map({ !sighting.hasSameNumber(as: $0) }) ?? true {
                isReplaced = false
                firstLine = nil
            }
            previous = sighting
            guard sighting.line != 0 else {
                isReplaced = true
                return
            }
            let line = UInt32(sighting.line)
            guard let first = firstLine else {
                firstLine = sighting.line
                if isReplaced, !uncounted.contains(line) {
                    uncounted.insert(line)
                    replacedSkipped += 1
                    try forget(sighting)
                }
                return
            }
            guard !uncounted.contains(line) else { return }
            uncounted.insert(line)
            try forget(sighting)
            try reject(Rejection(line: Int(line), column: names.id, value: sighting.number,
                                 reason: "diagnostic number already seen in this file, on line \(first)"))
        }
    }

    /// With `--keep-rows`: deletes the row of a diagnostic not counted after all.
    private func forget(_ sighting: NumberSighting) throws {
        try rows?.forget(number: sighting.number, line: Int64(sighting.line))
    }

    /// Writes the rows that `DiagnosticCounter` counts on its own thread, registering each
    /// column (a variable of the source) before the first row that uses it.
    private mutating func writeCounts() throws {
        // Taken out of `self`, as the numbers are.
        var sorted = ExternalSorter<CountedDiagnostic>(batchSize: 1)
        swap(&sorted, &diagnostics)
        let channel = BatchChannel<CommuneRowBatch>(capacity: 2)
        DiagnosticCounter(diagnostics: sorted, uncounted: uncounted, channel: channel).start()
        defer { channel.stopAndWait() }
        let writer = try PackedRowWriter(fileID: fileID, db)
        var slots = 0
        var written = 0
        var cells = PackedCells()
        while let batch = try channel.next() {
            for key in batch.newColumns {
                let name = Self.slotNames[key.slot]
                let code = "DPE" + String(key.year).suffix(2) + name.dropFirst(3)
                let id = try SourceRegistry.variableID(sourceID: sourceID, code: code, period: String(key.year),
                                                       label: Self.label(of: name) + " (\(key.year))", additive: !name.hasSuffix("_MED"), db)
                let slot = try writer.addColumn(variableID: id)
                precondition(slot == slots, "columns registered in the order the counter gave their slots")
                slots += 1
            }
            // Paris, Lyon and Marseille diagnostics carry their arrondissement's code.
            try batch.forEachRow { code, values in
                // A few hundred values of thousands of possible codes: cells that name their slots.
                cells.startNamed()
                for (slot, value) in values { cells.append(value, at: slot) }
                cells.finishNamed()
                try writer.write(territoryCode: code, level: CodeKind.commune.level(of: code), cells: cells)
            }
            written += batch.valueCount
            channel.recycle(batch)
        }
        valuesWritten = written
    }

    /// Per breakdown: `N`, one count per label, the median, one count per consumption class.
    static let slotsPerBreakdown = slots + 1 + openClass + 1

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
