import GRDB

/// The variables of the loaded sources, as `compute` looks them up by code to find the
/// values an indicator is made of.
extension ObservationStore {
    /// Every variable of every source.
    public static func allVariables(_ db: Database) throws -> [(variableID: Int64, code: String, period: String, sourceID: String)] {
        try Row.fetchAll(db, sql: "SELECT variable_id, code, period, source_id FROM variables").map { ($0[0], $0[1], $0[2], $0[3]) }
    }

    /// The variables of one source, for the known issues registered against it.
    public static func variables(ofSource sourceID: String, _ db: Database) throws -> [(variableID: Int64, code: String)] {
        try Row.fetchAll(db, sql: "SELECT variable_id, code FROM variables WHERE source_id = ?", arguments: [sourceID])
            .map { ($0[0], $0[1]) }
    }

    /// The variables of one code, of one period and of some sources when given.
    public static func variables(code: String, period: String?, sources: [String]?,
                                 _ db: Database) throws -> [(variableID: Int64, sourceID: String)] {
        var sql = "SELECT variable_id, source_id FROM variables WHERE code = ?"
        var arguments: [any DatabaseValueConvertible] = [code]
        if let period {
            sql += " AND period = ?"
            arguments.append(period)
        }
        if let sources {
            sql += " AND source_id IN (\(sources.map { _ in "?" }.joined(separator: ", ")))"
            arguments += sources
        }
        return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map { ($0[0], $0[1]) }
    }

    /// The variables of one code in every source, by period.
    public static func variablePeriods(code: String, _ db: Database) throws -> [(variableID: Int64, period: String)] {
        try Row.fetchAll(db, sql: "SELECT variable_id, period FROM variables WHERE code = ? ORDER BY period", arguments: [code])
            .map { ($0[0], $0[1]) }
    }
}
