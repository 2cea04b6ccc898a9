import Catalog
import Core
import Foundation
import GRDB
import Tabular
import Warehouse

/// Loads a Melodi dataset (`DS_<NAME>_data.csv`): one row per territory × dimension codes ×
/// period, several levels in one file. Each row becomes one value of `observation_values`,
/// written as it is read — the real Filosofi file is 833,000 rows, and nothing of it is
/// kept in memory but the variables met so far.
///
/// - GEO_OBJECT gives the level: the levels the source loads (COM, ARM, EPCI, DEP, REG) go to
///   their territories, those it knows to leave out (FRANCE, ZE2020 …) are counted and
///   reported; any other refuses the file. Values above the commune are published values,
///   each level in a `files` row of its own (`LevelParts`).
/// - The dimension codes and TIME_PERIOD make the variable code through the source's
///   template (`MED_SL`, 2021 → `MED21`).
/// - CONF_STATUS and OBS_STATUS give the status: a confidential value is secret — never a
///   number, never missing — whatever else the row says. A code the source does not
///   document refuses the file.
/// - OBS_VALUE is multiplied by 10^UNIT_MULT.
/// - The same observation twice refuses the file, naming both lines.
struct MelodiLoader: RecordLoader {
    typealias Rule = SourceDefinition.MelodiRule

    /// A GEO_OBJECT of the source: the kind of its codes, nil for a level left out.
    private struct Level {
        let geoObject: [UInt8]
        let name: String
        let kind: CodeKind?
    }

    /// Stops reading the file again once the first occurrence of a duplicate is found.
    private struct EndOfSearch: Error {}

    /// What a part of a row gives, or why the row is rejected.
    private enum Reading<Value> {
        case read(Value)
        case rejected(Rejection)
    }

    /// A variable met in the file, and the first observation that made it.
    private struct Variable {
        let id: Int64
        let code: String
        let isCount: Bool
        let combination: String
        let line: Int
    }

    private let sourceID: String
    private let path: String
    private let files: MelodiFiles?
    private let delimiter: UInt8?
    private let encoding: TextEncoding?
    private let layout: MelodiLayout
    private let template: VariableTemplate
    private let dimensionNames: [String]
    /// Per dimension (in declared order), published code → code in the template.
    private let codeMaps: [[String: String]]
    private let rule: Rule
    private let variableRule: SourceDefinition.VariableRule?
    private let levels: [Level]
    private let confStatuses: [([UInt8], ValueStatus)]
    private let obsStatuses: [([UInt8], ValueStatus)]
    private let metadata: MelodiMetadata
    private let metadataNote: String?
    private let fileID: Int64
    private let levelParts: LevelParts
    private let valueWriter: ObservationStore.LongValueWriter
    private let db: Database

    /// Dimension codes and period of the row being loaded, the key of its variable.
    private var combination: [UInt8] = []
    private var variables: [[UInt8]: Variable] = [:]
    private var combinationOfCode: [String: (combination: String, line: Int)] = [:]
    private var leftOut: [String: Int] = [:]
    private var withheldWithValue = 0
    private var finishedParts: [LoadPart] = []
    private(set) var valuesWritten = 0
    private(set) var rowsNotLoaded = 0
    let unusedColumns: [String] = []

    init(definition: SourceDefinition, header: HeaderIndex, files: MelodiFiles?, delimiter: UInt8?, encoding: TextEncoding?,
         load: FileLoad, fileID: Int64, runID: Int64, _ db: Database) throws {
        guard let rule = definition.melodi else { preconditionFailure("validated by SourceCatalog") }
        self.rule = rule
        sourceID = definition.id
        path = header.path
        self.files = files
        self.delimiter = delimiter
        self.encoding = encoding
        layout = try MelodiLayout(header: header, definition: definition, rule: rule)
        template = try rule.template()
        dimensionNames = layout.dimensions.map { header.header[$0] }
        codeMaps = rule.dimensions.map { dimension in
            rule.codes?.first { $0.key.uppercased() == dimension.uppercased() }?.value ?? [:]
        }
        variableRule = definition.variables
        levels = rule.levels.sorted { $0.key < $1.key }.map { Level(geoObject: Array($0.key.utf8), name: $0.key, kind: $0.value) }
            + (rule.levelsNotLoaded ?? []).map { Level(geoObject: Array($0.utf8), name: $0, kind: nil) }
        confStatuses = rule.effectiveConfStatus.sorted { $0.key < $1.key }.map { (Array($0.key.utf8), $0.value) }
        obsStatuses = rule.effectiveObsStatus.sorted { $0.key < $1.key }.map { (Array($0.key.utf8), $0.value) }
        if let reader = try files?.openMetadata() {
            metadata = try MelodiMetadata(reader: reader, dimensions: rule.dimensions)
            metadataNote = nil
        } else {
            metadata = MelodiMetadata()
            let name = files?.metadataPath.map { URL(fileURLWithPath: $0).lastPathComponent } ?? "its metadata file"
            metadataNote = "\(name) was not found with the data: variables are labelled from the source definition only"
        }
        self.fileID = fileID
        levelParts = LevelParts(load: load, fileID: fileID, runID: runID, levels: Array(rule.levels.values), db)
        valueWriter = try ObservationStore.LongValueWriter(db)
        self.db = db
    }

    mutating func load(_ record: CSVRecord, zeros: inout LeadingZeroPolicy) throws -> Rejection? {
        let level = try self.level(of: record)
        let confidentiality = try status(of: record, at: layout.confStatus, among: confStatuses, option: "conf_status")
        let observation = try status(of: record, at: layout.obsStatus, among: obsStatuses, option: "obs_status")
        guard let kind = level.kind else {
            leftOut[level.name, default: 0] += 1
            rowsNotLoaded += 1
            return nil
        }
        let geo = layout.header[layout.geo]
        let code: String
        switch Self.checkCode(record.bytes(at: layout.geo), kind: kind, line: record.line, column: geo, zeros: &zeros) {
        case .keep: code = record.string(at: layout.geo)
        case .replace(let repaired): code = repaired
        case .reject(let rejection): return rejection
        }
        var codeBytes = code
        let territoryLevel = codeBytes.withUTF8 { kind.level(of: $0) }
        // A commune and an arrondissement municipal have codes of one syntax: GEO_OBJECT tells them apart.
        if kind == .commune && ["COM", "ARM"].contains(level.name) && territoryLevel != level.name {
            return Rejection(line: record.line, column: geo, value: code,
                             reason: "a code of level \(territoryLevel) under GEO_OBJECT \(level.name): the row says two levels")
        }
        let variable: Variable
        switch try self.variable(of: record) {
        case .read(let found): variable = found
        case .rejected(let rejection): return rejection
        }
        let cell: (value: Double?, status: ValueStatus)
        switch reading(record, confidentiality: confidentiality, observation: observation, variable: variable) {
        case .read(let read): cell = read
        case .rejected(let rejection): return rejection
        }
        let target = kind == .commune ? fileID : try levelParts.fileID(counting: territoryLevel)
        do {
            try valueWriter.write(fileID: target, territoryCode: code, variableID: variable.id, level: territoryLevel,
                                  value: cell.value, status: cell.status.rawValue)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw duplicate(record, level: level.name)
        }
        valuesWritten += 1
        return nil
    }

    mutating func finish(rejecting reject: (Rejection) throws -> Void) throws {
        finishedParts = try levelParts.finish()
    }

    var parts: [LoadPart] { finishedParts }

    var notes: [String] {
        var notes: [String] = []
        if !leftOut.isEmpty {
            let counts = leftOut.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            notes.append("observations of levels not loaded (no territory here): \(counts)")
        }
        if withheldWithValue > 0 {
            notes.append("\(withheldWithValue) observations withheld by CONF_STATUS or OBS_STATUS carried a value: not kept")
        }
        if !finishedParts.isEmpty {
            notes.append("values above the commune in files " + finishedParts.map { "\($0.fileID)" }.joined(separator: ", "))
        }
        if let metadataNote { notes.append(metadataNote) }
        return notes
    }

    // MARK: - Levels and statuses

    /// The GEO_OBJECT of a row among the source's; any other refuses the file.
    private func level(of record: CSVRecord) throws -> Level {
        let bytes = record.bytes(at: layout.geoObject)
        if let level = levels.first(where: { $0.geoObject.elementsEqual(bytes) }) { return level }
        let loaded = levels.filter { $0.kind != nil }.map(\.name).joined(separator: ", ")
        let leftOut = levels.filter { $0.kind == nil }.map(\.name).joined(separator: ", ")
        throw ObservatoireError(.unknownLevel,
                          "GEO_OBJECT '\(record.string(at: layout.geoObject))' is neither a level source \(sourceID) loads (\(loaded)) nor one it leaves out (\(leftOut.isEmpty ? "none" : leftOut)): nothing of the file is loaded. Add it to melodi.levels (to load it) or melodi.levels_not_loaded (to count it and leave it out) in the definition of \(sourceID) (pipelines/sources)",
                          path: path, line: record.line, column: layout.header[layout.geoObject], value: record.string(at: layout.geoObject))
    }

    /// The status a CONF_STATUS or OBS_STATUS cell stands for; nil when the column is not
    /// published or the cell is empty. A code the source does not document refuses the file.
    private func status(of record: CSVRecord, at position: Int?, among statuses: [([UInt8], ValueStatus)],
                        option: String) throws -> ValueStatus? {
        guard let position else { return nil }
        let bytes = record.bytes(at: position)
        if bytes.isEmpty { return nil }
        if let found = statuses.first(where: { $0.0.elementsEqual(bytes) }) { return found.1 }
        let column = layout.header[position]
        let value = record.string(at: position)
        let known = statuses.map { String(decoding: $0.0, as: UTF8.self) + " " + Self.meaning($0.1, option: option) }.joined(separator: ", ")
        throw ObservatoireError(.undocumentedStatus,
                          "\(column) '\(value)' is not documented: source \(sourceID) reads the codes of SDMX's code list and of its melodi.\(option) (\(known)). Nothing of the file is loaded: check the code in the dataset's metadata and INSEE's documentation, then declare it under melodi.\(option) of \(sourceID) (pipelines/sources; see docs/melodi.md)",
                          path: path, line: record.line, column: column, value: value)
    }

    /// What a status code means, in an error: `free` is a published CONF_STATUS.
    private static func meaning(_ status: ValueStatus, option: String) -> String {
        status == .ok ? (option == "conf_status" ? "free" : "value") : status.rawValue
    }

    /// The value and status of a row, or why it is rejected.
    private mutating func reading(_ record: CSVRecord, confidentiality: ValueStatus?, observation: ValueStatus?,
                                  variable: Variable) -> Reading<(value: Double?, status: ValueStatus)> {
        let column = layout.header[layout.value]
        let bytes = record.bytes(at: layout.value)
        let withheld = confidentiality.flatMap { $0 == .ok ? nil : $0 } ?? (observation == .secret ? .secret : nil)
        if let withheld {
            // A secret stays a secret: a number published beside it is not kept (but counted).
            if !bytes.isEmpty { withheldWithValue += 1 }
            return .read((nil, withheld))
        }
        let status = observation ?? (bytes.isEmpty ? .missing : .ok)
        guard status == .ok else {
            guard bytes.isEmpty else {
                let code = layout.obsStatus.map { record.string(at: $0) } ?? ""
                return .rejected(Rejection(line: record.line, column: column, value: record.string(at: layout.value),
                                          reason: "OBS_STATUS \(code) says there is no value (\(status.rawValue)), yet OBS_VALUE holds one"))
            }
            return .read((nil, status))
        }
        guard !bytes.isEmpty else {
            return .rejected(Rejection(line: record.line, column: column, value: "",
                                      reason: "OBS_STATUS \(layout.obsStatus.map { record.string(at: $0) } ?? "") says there is a value, and OBS_VALUE is empty"))
        }
        guard var number = DecimalParser.parse(bytes) else {
            return .rejected(Rejection(line: record.line, column: column, value: record.string(at: layout.value),
                                      reason: "not a number: expected a decimal number (point or comma), or an empty OBS_VALUE with its status"))
        }
        if let position = layout.unitMultiplier, !record.bytes(at: position).isEmpty,
           !record.bytes(at: position).elementsEqual([UInt8(ascii: "0")]) {
            guard let power = Int(record.string(at: position)), abs(power) <= 18 else {
                return .rejected(Rejection(line: record.line, column: layout.header[position], value: record.string(at: position),
                                          reason: "not a power of ten: UNIT_MULT is the exponent the value is published in (0 units, 3 thousands …)"))
            }
            // Divided for negative powers: 175 × 10^-1 is 17.5 exactly, 175 × 0.1 is not.
            let scale = (0..<abs(power)).reduce(1.0) { value, _ in value * 10 }
            number = power < 0 ? number / scale : number * scale
        }
        if variable.isCount && number < 0 {
            return .rejected(Rejection(line: record.line, column: column, value: record.string(at: layout.value),
                                      reason: ObservationLoader.negativeCount(variable.code, source: sourceID)))
        }
        return .read((number, .ok))
    }

    // MARK: - Variables

    /// The variable of a row's dimension codes and period, registered on its first row.
    private mutating func variable(of record: CSVRecord) throws -> Reading<Variable> {
        combination.removeAll(keepingCapacity: true)
        for position in layout.dimensions {
            combination.append(contentsOf: record.bytes(at: position))
            combination.append(0x1F)
        }
        combination.append(contentsOf: record.bytes(at: layout.period))
        if let known = variables[combination] { return .read(known) }

        for (index, position) in layout.dimensions.enumerated() where record.bytes(at: position).isEmpty {
            return .rejected(Rejection(line: record.line, column: dimensionNames[index], value: "",
                                      reason: "an empty dimension code: the observation cannot be told from others"))
        }
        let period = record.string(at: layout.period)
        let published = layout.dimensions.map { record.string(at: $0) }
        let codes = published.enumerated().map { codeMaps[$0.offset][$0.element] ?? $0.element }
        guard let code = template.render(codes: codes, period: period) else {
            return .rejected(Rejection(line: record.line, column: layout.header[layout.period], value: period,
                                      reason: "not a year: the variable template of source \(sourceID) (\(rule.variable)) takes {yy} from TIME_PERIOD"))
        }
        let described = (zip(dimensionNames, published).map { "\($0) \($1)" } + ["TIME_PERIOD \(period)"]).joined(separator: ", ")
        if let first = combinationOfCode[code] {
            throw ObservatoireError(.ambiguousVariable,
                              "\(described) and \(first.combination) (line \(first.line)) both make the variable \(code) through melodi.variable '\(rule.variable)' of source \(sourceID): two observations would be one, so nothing is loaded. Give them distinct codes under melodi.codes, or put the dimension that tells them apart in melodi.variable",
                              path: path, line: record.line, column: dimensionNames.first ?? layout.header[layout.period], value: published.first ?? period)
        }
        let labels = zip(rule.dimensions, published).compactMap { metadata.label(of: $1, in: $0) }
        let label = variableRule?.labels?[code] ?? (labels.isEmpty ? nil : labels.joined(separator: " — "))
        let id = try SourceRegistry.variableID(sourceID: sourceID, code: code, period: period, label: label,
                                               additive: variableRule?.isAdditive(code) ?? false, db)
        let variable = Variable(id: id, code: code, isCount: variableRule?.isCount(code) ?? false, combination: described, line: record.line)
        variables[combination] = variable
        combinationOfCode[code] = (described, record.line)
        return .read(variable)
    }

    // MARK: - Duplicates

    /// The refusal of an observation met twice, naming the line it was first on: found by
    /// reading the file again up to this line, which only a refused file costs.
    private func duplicate(_ record: CSVRecord, level: String) -> ObservatoireError {
        let key = [layout.geo, layout.geoObject, layout.period] + layout.dimensions
        let values = key.map { Array(record.bytes(at: $0)) }
        let line = record.line
        var first: Int?
        if let reader = try? files?.openData(delimiter: delimiter, encoding: encoding) {
            try? reader.forEachRecord { earlier in
                guard earlier.line < line else { throw EndOfSearch() }
                guard earlier.defect == nil, earlier.count == layout.header.count,
                      zip(key, values).allSatisfy({ earlier.bytes(at: $0.0).elementsEqual($0.1) }) else { return }
                first = earlier.line
                throw EndOfSearch()
            }
        }
        let dimensions = zip(dimensionNames, layout.dimensions).map { "\($0) \(record.string(at: $1))" }
        let described = (["GEO \(record.string(at: layout.geo)) (\(level))"] + dimensions + ["TIME_PERIOD \(record.string(at: layout.period))"])
            .joined(separator: ", ")
        let earlier = first.map { "already on line \($0)" } ?? "already earlier in the file"
        return ObservatoireError(.duplicateObservation,
                           "the observation \(described) is \(earlier): one observation per territory, dimension codes and period, so nothing of the file is loaded. Download the dataset again; if INSEE publishes it so, report it to INSEE",
                           path: path, line: line, column: layout.header[layout.geo], value: record.string(at: layout.geo))
    }
}
