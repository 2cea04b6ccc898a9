import GRDB
import Indicators

/// A value with its status, as stored in `normalised_observations`.
struct Cell: Sendable, Equatable {
    var value: Double?
    var status: String
    /// Known issues (`pipelines/known-issues.yaml`) that concern this value.
    var flags: [String] = []

    static let missing = Cell(value: nil, status: "missing")

    var isOK: Bool { status == "ok" }

    /// What a known issue does to a published value.
    mutating func apply(_ issue: KnownIssue) {
        flags.append(issue.id)
        switch issue.action {
        case .flag: break
        case .drop: (value, status) = (nil, "missing")
        case .override: value = issue.override
        }
    }

    /// Worst first: a result is as bad as its worst part.
    static func rank(_ status: String) -> Int {
        switch status {
        case "ok": 0
        case "not-applicable": 1
        case "missing": 2
        default: 3
        }
    }
}

/// Reads the variables indicators are made of from the normalised observations of one
/// geography, and finds the periods for which an indicator can be computed.
struct ComponentStore {
    let geography: Int
    let db: Database
    let knownIssues: KnownIssueRegister

    /// Variable codes present in this geography, with their periods and sources.
    private let catalogue: [(code: String, period: String, source: String)]

    init(geography: Int, db: Database, knownIssues: KnownIssueRegister = KnownIssueRegister(issues: [])) throws {
        self.geography = geography
        self.db = db
        self.knownIssues = knownIssues
        catalogue = try Row.fetchAll(db, sql: """
            SELECT DISTINCT v.code, v.period, v.source_id FROM variables v
            WHERE EXISTS (SELECT 1 FROM normalised_observations n WHERE n.geography = ? AND n.variable_id = v.variable_id)
            """, arguments: [geography]).map { ($0["code"], $0["period"], $0["source_id"]) }
    }

    /// The periods an indicator can be computed for: the years (`{yy}`) for which every
    /// component exists, or the periods of its single variable.
    func periods(of indicator: IndicatorDefinition) -> [Period] {
        // Births and deaths between two censuses are looked up once the pair of years is
        // known; terms that may be absent (absent_is_zero) do not decide the periods.
        // So do the classes of a grouped median (counts written only when not zero).
        let required = indicator.absentIsZero == true || indicator.aggregation == .groupedMedian
            ? ([indicator.value].compactMap { $0 } + (indicator.denominator ?? [])).map { $0.hasPrefix("-") ? String($0.dropFirst()) : $0 }
            : indicator.variables
        let codes = required.filter { !$0.contains("{start}") }
        let allowed = indicator.sources.map(Set.init)
        let present = catalogue.filter { allowed?.contains($0.source) ?? true }
        let yearly = codes.filter { $0.contains("{yy}") }
        if yearly.isEmpty {
            guard let code = indicator.value else { return [] }
            return Set(present.filter { $0.code == code }.map(\.period)).sorted().map { Period(label: $0, yy: nil, variablePeriod: $0) }
        }
        var years: Set<String>?
        for code in yearly {
            let pattern = "^" + code.replacingOccurrences(of: "{yy}", with: "([0-9]{2})") + "$"
            let found = Set(present.compactMap { entry -> String? in
                guard let range = entry.code.range(of: pattern, options: .regularExpression) else { return nil }
                let prefix = code.components(separatedBy: "{yy}")[0]
                let start = entry.code.index(range.lowerBound, offsetBy: prefix.count)
                return String(entry.code[start..<entry.code.index(start, offsetBy: 2)])
            })
            years = years.map { $0.intersection(found) } ?? found
        }
        let fixed = codes.filter { !$0.contains("{yy}") }
        guard fixed.allSatisfy({ code in present.contains { $0.code == code } }) else { return [] }
        return (years ?? []).sorted { Period.year($0) < Period.year($1) }.map { Period(label: String(Period.year($0)), yy: $0, variablePeriod: nil) }
    }

    /// Values of one variable code for a period, by territory; the most recent file wins
    /// when several give the same variable, and known issues are applied. The files read
    /// are added to `files`.
    func values(of term: String, in period: Period, sources: [String]?, files: inout Set<Int64>) throws -> [String: Cell] {
        let code = period.yy.map { term.replacingOccurrences(of: "{yy}", with: $0) } ?? term
        var sql = "SELECT variable_id, source_id FROM variables WHERE code = ?"
        var arguments: [any DatabaseValueConvertible] = [code]
        if let variablePeriod = period.variablePeriod, !term.contains("{yy}"), period.yy == nil {
            sql += " AND period = ?"
            arguments.append(variablePeriod)
        }
        if let sources {
            sql += " AND source_id IN (\(sources.map { _ in "?" }.joined(separator: ", ")))"
            arguments += sources
        }
        let variables = try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments))
        return try cells(of: Dictionary(uniqueKeysWithValues: variables.map { ($0[0] as Int64, $0[1] as String) }), code: code, files: &files)
    }

    /// The values of these variables by territory, the most recent file last (it wins).
    ///
    /// Read through the index by variable, named: planner statistics sampled on millions of
    /// rows (`analysis_limit`) can make a scan of the whole geography look cheaper, and that
    /// scan, once per component, was most of `compute` on all of France.
    /// `variables`: their sources, by id.
    private func cells(of variables: [Int64: String], code: String, files: inout Set<Int64>) throws -> [String: Cell] {
        guard !variables.isEmpty else { return [:] }
        let sql = """
            SELECT n.territory, n.value, n.status, n.file_id, n.variable_id
            FROM normalised_observations n INDEXED BY normalised_by_variable
            JOIN files f ON f.file_id = n.file_id AND f.status = 'current'
            WHERE n.geography = ? AND n.variable_id IN (\(variables.map { _ in "?" }.joined(separator: ", ")))
            ORDER BY n.file_id
            """
        let arguments: [any DatabaseValueConvertible] = [geography] + Array(variables.keys)
        var cells: [String: Cell] = [:]
        let rows = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(arguments))
        let issues = knownIssues.issues.filter { $0.concerns(code: code) }
        while let row = try rows.next() {
            var cell = Cell(value: row[1], status: row[2])
            let territory: String = row[0]
            let source = variables[row[4] as Int64]  // always there: the query reads only these variables
            for issue in issues where issue.source == source && cell.isOK && issue.matches(code: code, territory: territory, value: cell.value) {
                cell.apply(issue)
            }
            cells[territory] = cell
            files.insert(row[3])
        }
        return cells
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
