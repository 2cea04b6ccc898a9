import GRDB

/// The definitions of the indicators as the last compute recorded them, beside their
/// values, so that the views and readers describe what was computed.
extension IndicatorStore {
    /// One indicator's definition, its lists already joined as the table keeps them.
    public struct Definition: Sendable, Equatable {
        public let id: String
        public let label: String
        public let theme: String?
        public let unit: String
        public let aggregation: String
        public let formula: String
        /// The allowed sources, comma-separated; nil when any is.
        public let sources: String?
        public let notes: String?
        public let decimals: Int
        public let tolerance: Double

        public init(id: String, label: String, theme: String?, unit: String, aggregation: String, formula: String,
                    sources: String?, notes: String?, decimals: Int, tolerance: Double) {
            self.id = id
            self.label = label
            self.theme = theme
            self.unit = unit
            self.aggregation = aggregation
            self.formula = formula
            self.sources = sources
            self.notes = notes
            self.decimals = decimals
            self.tolerance = tolerance
        }
    }

    /// Makes the recorded definitions these: the others deleted with their values, these
    /// updated in place, as replacing a row would delete (cascade) the slots and sources
    /// of every geography.
    public static func replaceDefinitions(with definitions: [Definition], _ db: Database) throws {
        try db.execute(sql: "DELETE FROM indicators WHERE indicator_id NOT IN (SELECT value FROM json_each(?))",
                       arguments: [try SQLList.json(definitions.map(\.id))])
        let upsert = try db.makeStatement(sql: """
            INSERT INTO indicators (indicator_id, label, theme, unit, aggregation, formula, sources, notes, decimals, tolerance)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (indicator_id) DO UPDATE SET label = excluded.label, theme = excluded.theme, unit = excluded.unit,
                aggregation = excluded.aggregation, formula = excluded.formula, sources = excluded.sources, notes = excluded.notes,
                decimals = excluded.decimals, tolerance = excluded.tolerance
            """)
        for definition in definitions {
            try upsert.execute(arguments: [definition.id, definition.label, definition.theme, definition.unit, definition.aggregation,
                                           definition.formula, definition.sources, definition.notes, definition.decimals,
                                           definition.tolerance])
        }
    }

    /// The ids of the indicators recorded, to tell a misspelt id from one not computed.
    public static func recordedIndicatorIDs(_ db: Database) throws -> Set<String> {
        try String.fetchSet(db, sql: "SELECT indicator_id FROM indicators")
    }
}
