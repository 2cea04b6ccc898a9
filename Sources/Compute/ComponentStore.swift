import Core
import GRDB
import Indicators
import Warehouse

/// A value with its status, as stored in `normalised_observations`: a number only when ok.
struct Cell: Sendable, Equatable {
    var value: Double?
    var status: ValueStatus
    /// Known issues (`pipelines/known-issues.yaml`) that concern this value.
    var flags: [String] = []

    var isOK: Bool { status == .ok }

    /// What a known issue does to a published value.
    mutating func apply(_ issue: KnownIssue) {
        flags.append(issue.id)
        switch issue.action {
        case .flag: break
        case .drop: (value, status) = (nil, .missing)
        case .override: value = issue.override
        }
    }
}

/// Reads the variables indicators are made of from the normalised observations of one
/// geography, and finds the periods for which an indicator can be computed.
struct ComponentStore {
    let geography: Int
    let db: Database
    let knownIssues: KnownIssueRegister
    let normalised: NormalisedValues

    /// Variable codes present in this geography, with their periods and sources.
    private let catalogue: [(code: String, period: String, source: String)]

    /// `wanted`: codes of the variables compute will read, read from wide files in one pass
    /// per file before the first request (any other is read when first asked for).
    init(geography: Int, db: Database, knownIssues: KnownIssueRegister = KnownIssueRegister(issues: []),
         wanted: (String) -> Bool = { _ in false }) throws {
        self.geography = geography
        self.db = db
        self.knownIssues = knownIssues
        normalised = try NormalisedValues(geography: geography, db: db)
        let present = try normalised.variablesPresent
        let variables = try ObservationStore.allVariables(db).filter { present.contains($0.variableID) }
        catalogue = Set(variables.map { [$0.code, $0.period, $0.sourceID] }).map { ($0[0], $0[1], $0[2]) }
        try normalised.load(Set(variables.filter { wanted($0.code) }.map(\.variableID)))
    }

    /// The periods an indicator can be computed for: the years (`{yy}`) for which every
    /// component exists, or the periods of its single variable.
    func periods(of indicator: IndicatorDefinition) -> [Period] {
        let codes = Self.required(by: indicator)
        let present = variables(allowedFor: indicator)
        let yearly = codes.filter { $0.contains("{yy}") }
        if yearly.isEmpty {
            guard let code = indicator.value else { return [] }
            return Set(present.filter { $0.code == code }.map(\.period)).sorted().map { Period(label: $0, yy: nil, variablePeriod: $0) }
        }
        var years: Set<String>?
        for code in yearly {
            let parts = code.components(separatedBy: "{yy}")
            let found = Set(present.compactMap { Self.year(in: $0.code, parts: parts) })
            years = years.map { $0.intersection(found) } ?? found
        }
        let fixed = codes.filter { !$0.contains("{yy}") }
        guard fixed.allSatisfy({ code in present.contains { $0.code == code } }) else { return [] }
        return (years ?? []).sorted { Period.year($0) < Period.year($1) }.map { Period(label: String(Period.year($0)), yy: $0, variablePeriod: nil) }
    }

    /// The variables an indicator needs that no loaded file of its sources has, in any
    /// year: what `compute` names when it cannot compute one.
    func absentVariables(of indicator: IndicatorDefinition) -> [String] {
        let present = variables(allowedFor: indicator)
        return Self.required(by: indicator).filter { code in
            code.contains("{yy}") ? !present.contains { Self.year(in: $0.code, of: code) != nil } : !present.contains { $0.code == code }
        }
    }

    /// The variables that decide an indicator's periods. Births and deaths between two
    /// censuses are looked up once the pair of years is known; terms that may be absent
    /// (absent_is_zero) do not decide, nor do the classes of a grouped median (counts
    /// written only when not zero).
    private static func required(by indicator: IndicatorDefinition) -> [String] {
        let required = indicator.absentIsZero == true || indicator.aggregation == .groupedMedian
            ? ([indicator.value].compactMap { $0 } + (indicator.denominator ?? [])).map { $0.hasPrefix("-") ? String($0.dropFirst()) : $0 }
            : indicator.variables
        return required.filter { !$0.contains("{start}") }
    }

    /// The variables present, of the sources the indicator allows.
    private func variables(allowedFor indicator: IndicatorDefinition) -> [(code: String, period: String, source: String)] {
        let allowed = indicator.sources.map(Set.init)
        return catalogue.filter { allowed?.contains($0.source) ?? true }
    }

    /// The two digits standing for `{yy}` when `code` is a year of `term`: `21` for
    /// `P21_POP` and `P{yy}_POP`. Compared as bytes: every term of the catalogue is tried
    /// against every variable of the geography, and a regular expression built for each
    /// pair was a fifth of `compute`'s own time on all of France.
    static func year(in code: String, of term: String) -> String? {
        year(in: code, parts: term.components(separatedBy: "{yy}"))
    }

    /// `parts`: the term split at `{yy}`, once for all the variables it is tried against.
    private static func year(in code: String, parts: [String]) -> String? {
        guard parts.count == 2 else { return nil }
        let (prefix, suffix) = (parts[0].utf8, parts[1].utf8)
        let bytes = code.utf8
        guard bytes.count == prefix.count + 2 + suffix.count, bytes.starts(with: prefix),
              bytes.reversed().starts(with: suffix.reversed()) else { return nil }
        let digits = bytes.dropFirst(prefix.count).prefix(2)
        guard digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        return String(decoding: digits, as: UTF8.self)
    }

    /// Values of one variable code for a period, by territory; the most recent file wins
    /// when several give the same variable, and known issues are applied. The files read
    /// are added to `files`.
    func values(of term: String, in period: Period, sources: [String]?, files: inout Set<Int64>) throws -> Component {
        let code = period.yy.map { term.replacingOccurrences(of: "{yy}", with: $0) } ?? term
        let variablePeriod = !term.contains("{yy}") && period.yy == nil ? period.variablePeriod : nil
        let variables = try ObservationStore.variables(code: code, period: variablePeriod, sources: sources, db)
        return try component(of: Dictionary(uniqueKeysWithValues: variables.map { ($0.variableID, $0.sourceID) }), code: code, files: &files)
    }

    /// The values of these variables by territory, the most recent file last (it wins).
    /// `variables`: their sources, by id.
    private func component(of variables: [Int64: String], code: String, files: inout Set<Int64>) throws -> Component {
        let territories = normalised.territories
        var component = Component(territories: territories.count)
        var read: Set<Int64> = []
        var lastFile: Int64?
        let issues = knownIssues.issues.filter { $0.concerns(code: code) }
        try normalised.forEach(Set(variables.keys)) { territory, variableID, fileID, value, status in
            if fileID != lastFile {
                read.insert(fileID)
                lastFile = fileID
            }
            guard !issues.isEmpty else { return component.set(territory, value: value, status: status) }
            let source = variables[variableID]  // always there: only these variables are read
            var cell = Cell(value: value, status: status)
            for issue in issues where issue.source == source && cell.isOK
                && issue.matches(code: code, territory: territories[territory], value: cell.value) {
                cell.apply(issue)
            }
            component[territory] = cell
        }
        files.formUnion(read)
        return component
    }
}

/// A period of an indicator: a census year (`2021` from `{yy}` = `21`) or a variable's period.
struct Period: Sendable, Equatable {
    let label: String
    let yy: String?
    let variablePeriod: String?

    /// `21` → 2021, `99` → 1999.
    static func year(_ yy: String) -> Int {
        let number = Int(yy) ?? 0
        return number > 50 ? 1900 + number : 2000 + number
    }
}
