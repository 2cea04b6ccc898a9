import GRDB

/// The computed values and what describes them, as exports, reports and `diff` read them.
extension IndicatorStore {
    /// Whether `compute` has run on this geography: the reports have nothing to show before.
    public static func hasComputedValues(geography: Int, _ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM indicator_rows WHERE geography = ?)", arguments: [geography]) == true
    }

    /// The last run that computed values, nil before any `compute`.
    public static func lastComputeRun(_ db: Database) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT max(run_id) FROM indicator_rows")
    }

    /// An indicator as the last `compute` defined it (`indicators`), defaults applied.
    public struct RecordedDefinition: Sendable, Equatable {
        public let id: String
        public let label: String
        public let unit: String
        public let aggregation: String
        public let formula: String
        /// The sources its definition expects, as written there.
        public let sources: String?
        /// 1 when the definition gives none.
        public let decimals: Int
        /// The relative change `diff` lets pass: 0.001 when the definition gives none.
        public let tolerance: Double
    }

    /// The definitions of `ids`, or of every indicator: the warehouse's own, which the
    /// catalogue may have changed since.
    public static func definitions(of ids: [String]? = nil, _ db: Database) throws -> [RecordedDefinition] {
        try Row.fetchAll(db, sql: """
            SELECT indicator_id, label, unit, aggregation, formula, sources, coalesce(decimals, 1), coalesce(tolerance, 0.001) FROM indicators
            WHERE ? IS NULL OR indicator_id IN (SELECT value FROM json_each(?))
            """, arguments: [try ids.map(SQLList.json), try ids.map(SQLList.json)]).map {
            RecordedDefinition(id: $0[0], label: $0[1], unit: $0[2], aggregation: $0[3], formula: $0[4], sources: $0[5],
                               decimals: $0[6], tolerance: $0[7])
        }
    }

    /// The ids of the indicators with values of some geography (`indicator_slots`).
    public static func computedIndicatorIDs(_ db: Database) throws -> Set<String> {
        try String.fetchSet(db, sql: "SELECT DISTINCT indicator_id FROM indicator_slots")
    }

    /// A value with what qualifies it, from `v_indicator_values`: no number where the
    /// status is not `ok`.
    public struct QualifiedValue: Sendable, Equatable {
        public let territory: String
        public let indicator: String
        public let period: String
        public let value: Double?
        public let status: String
        public let estimate: Bool
        public let coverage: Double?
        public let flags: String?
        public let estimatedShare: Double?
        /// The territory's communes here, and in full where a reference says.
        public let communes: Int?
        public let communesExpected: Int?
    }

    /// The values of `indicators` for `territories` of one geography, in no order.
    public static func qualifiedValues(geography: Int, territories: [String], indicators: [String],
                                       _ db: Database) throws -> [QualifiedValue] {
        try Row.fetchAll(db, sql: """
            SELECT territory, indicator_id, period, value, status, estimate, coverage, flags, estimated_share, territory_communes,
                   territory_communes_expected FROM v_indicator_values
            WHERE geography = ? AND territory IN (SELECT value FROM json_each(?)) AND indicator_id IN (SELECT value FROM json_each(?))
            """, arguments: [geography, try SQLList.json(territories), try SQLList.json(indicators)]).map { row in
            QualifiedValue(territory: row[0], indicator: row[1], period: row[2], value: row[3], status: row[4],
                           estimate: (row[5] as Int?) == 1, coverage: row[6], flags: row[7], estimatedShare: row[8],
                           communes: row[9], communesExpected: row[10])
        }
    }

    /// Calls `body` with every `ok` value of `territories` (territory, `indicator period`,
    /// value), streamed: the peers of a rank may be every commune of France.
    public static func forEachOKValue(geography: Int, territories: [String], _ db: Database,
                                      _ body: (_ territory: String, _ indicatorPeriod: String, _ value: Double) throws -> Void) throws {
        let rows = try Row.fetchCursor(db, sql: """
            SELECT territory, indicator_id || ' ' || period, value FROM indicator_values
            WHERE geography = ? AND territory IN (SELECT value FROM json_each(?)) AND status = 'ok'
            """, arguments: [geography, try SQLList.json(territories)])
        while let row = try rows.next() {
            try body(row[0], row[1], row[2])
        }
    }

    /// A value of one indicator as stored (`indicator_values`).
    public struct PeriodValue: Sendable, Equatable {
        public let territory: String
        public let period: String
        public let value: Double?
        public let status: String
    }

    /// Every period's value of one indicator for `territories`, in no order.
    public static func values(of indicator: String, geography: Int, territories: [String], _ db: Database) throws -> [PeriodValue] {
        try Row.fetchAll(db, sql: """
            SELECT v.territory, v.period, v.value, v.status FROM indicator_values v
            WHERE v.geography = ? AND v.indicator_id = ? AND v.territory IN (SELECT value FROM json_each(?))
            """, arguments: [geography, indicator, try SQLList.json(territories)]).map {
            PeriodValue(territory: $0[0], period: $0[1], value: $0[2], status: $0[3])
        }
    }

    /// One line of an export: a value of `v_indicator_values` with its definition's label and decimals.
    public struct ExportLine: Sendable, Equatable {
        public let territoryCode: String
        public let territoryLevel: String
        public let territoryName: String?
        public let indicator: String
        public let label: String
        public let period: String
        public let value: Double?
        public let unit: String
        public let decimals: Int
        public let status: String
        public let coverage: Double?
        public let communes: Int?
        public let communesExpected: Int?
        public let estimate: Bool
        public let estimatedShare: Double?
        public let method: String
        public let flags: String?
    }

    /// The values of `indicators` on the territories of `level` inside `within` (see
    /// `TerritoryStore.selection`), by territory name and code, then indicator in the order
    /// given, then period.
    public static func exportLines(indicators: [String], level: String, within: String, geography: Int,
                                   _ db: Database) throws -> [ExportLine] {
        try Row.fetchAll(db, sql: """
            SELECT v.territory_code, v.territory_level, v.territory_name, v.indicator_id, i.label, v.period, v.value,
                   v.unit, coalesce(i.decimals, 1), v.status, v.coverage, v.territory_communes, v.territory_communes_expected,
                   v.estimate, v.estimated_share, v.method, v.flags
            FROM v_indicator_values v JOIN indicators i USING (indicator_id)
            WHERE v.geography = :g AND v.territory_level = :level AND v.indicator_id IN (SELECT value FROM json_each(:indicators))
              AND v.territory IN (\(TerritoryStore.selectionSQL))
            ORDER BY v.territory_name, v.territory_code, instr(:order, '|' || v.indicator_id || '|'), v.period
            """, arguments: ["g": geography, "level": level, "within": within, "indicators": try SQLList.json(indicators),
                             "order": "|" + indicators.joined(separator: "|") + "|"]).map { row in
            ExportLine(territoryCode: row[0], territoryLevel: row[1], territoryName: row[2], indicator: row[3], label: row[4],
                       period: row[5], value: row[6], unit: row[7], decimals: row[8], status: row[9], coverage: row[10],
                       communes: row[11], communesExpected: row[12], estimate: (row[13] as Int?) == 1, estimatedShare: row[14],
                       method: row[15], flags: row[16])
        }
    }

    /// The levels at which an indicator has `ok` or `partial` values: where to look when it
    /// has none at the level asked.
    public static func levelsWithValues(of indicator: String, geography: Int, _ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: """
            SELECT DISTINCT t.level FROM indicator_values v JOIN territories t ON t.geography = v.geography AND t.territory = v.territory
            WHERE v.geography = ? AND v.indicator_id = ? AND (v.status = 'ok' OR v.status = 'partial') ORDER BY t.level
            """, arguments: [geography, indicator])
    }

    /// How many values an indicator has, every geography together.
    public static func valueCount(of indicator: String, _ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM indicator_values WHERE indicator_id = ?", arguments: [indicator]) ?? 0
    }

    /// How many values a territory has.
    public static func valueCount(geography: Int, territory: String, _ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM indicator_values WHERE geography = ? AND territory = ?",
                         arguments: [geography, territory]) ?? 0
    }

    /// A value as `diff` compares it: the published figure, its status and the figure held back.
    public struct ValueState: Sendable, Equatable {
        public let geography: Int
        public let territory: String
        public let indicator: String
        public let period: String
        public let value: Double?
        public let status: String
        public let unpublished: Double?
    }

    /// Every value, by geography, territory, indicator and period, as a cursor: two
    /// warehouses are merged in one pass whatever their size (to iterate while `db` is open).
    public static func orderedValues(_ db: Database) throws -> MapCursor<RowCursor, ValueState> {
        try Row.fetchCursor(db, sql: """
            SELECT geography, territory, indicator_id, period, value, status, unpublished_value FROM indicator_values
            ORDER BY geography, territory, indicator_id, period
            """).map { ValueState(geography: $0[0], territory: $0[1], indicator: $0[2], period: $0[3], value: $0[4], status: $0[5], unpublished: $0[6]) }
    }

    /// Reads the values of one territory at a time with one prepared statement: `diff`
    /// asks it for every territory a history touches.
    public struct TerritoryValuesReader {
        private let statement: Statement

        public init(_ db: Database) throws {
            statement = try db.makeStatement(sql: """
                SELECT indicator_id, period, value, status, unpublished_value FROM indicator_values WHERE geography = ? AND territory = ?
                """)
        }

        /// The territory's values, in no order.
        public func values(geography: Int, territory: String) throws -> [ValueState] {
            try Row.fetchAll(statement, arguments: [geography, territory]).map {
                ValueState(geography: geography, territory: territory, indicator: $0[0], period: $0[1], value: $0[2], status: $0[3],
                           unpublished: $0[4])
            }
        }
    }

    /// A file an indicator was computed from (`indicator_sources`), with its source.
    public struct SourceFile: Sendable, Equatable {
        public let sourceID: String
        public let label: String
        public let publisher: String?
        public let vintage: String
        public let file: String
    }

    /// The files behind `indicators`, each once, by source, vintage and file name.
    public static func sourceFiles(of indicators: [String], geography: Int, _ db: Database) throws -> [SourceFile] {
        try Row.fetchAll(db, sql: """
            SELECT DISTINCT s.source_id, s.label, s.publisher, f.vintage, f.name
            FROM indicator_sources x
            JOIN files f ON f.file_id = x.file_id
            JOIN sources s ON s.source_id = f.source_id
            WHERE x.geography = ? AND x.indicator_id IN (SELECT value FROM json_each(?))
            ORDER BY s.source_id, f.vintage, f.name
            """, arguments: [geography, try SQLList.json(indicators)]).map {
            SourceFile(sourceID: $0[0], label: $0[1], publisher: $0[2], vintage: $0[3], file: $0[4])
        }
    }

    /// One line per source of `indicators`: `label (publisher): file, file`, by source id.
    public static func sourceLines(of indicators: [String], geography: Int, _ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: """
            SELECT s.label || ' (' || coalesce(s.publisher, '') || '): ' || group_concat(DISTINCT f.name)
            FROM indicator_sources x
            JOIN files f ON f.file_id = x.file_id
            JOIN sources s ON s.source_id = f.source_id
            WHERE x.geography = ? AND x.indicator_id IN (SELECT value FROM json_each(?))
            GROUP BY s.source_id ORDER BY s.source_id
            """, arguments: [geography, try SQLList.json(indicators)])
    }

    /// Who published the sources of one indicator (their label when no publisher is
    /// known), each once, sorted: what a map's caption credits.
    public static func publishers(of indicator: String, geography: Int, _ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: """
            SELECT DISTINCT coalesce(s.publisher, s.label) FROM indicator_sources x JOIN files f USING (file_id)
            JOIN sources s ON s.source_id = f.source_id WHERE x.geography = ? AND x.indicator_id = ? ORDER BY 1
            """, arguments: [geography, indicator])
    }

    /// The known issues of a geography's values (`pipelines/known-issues.yaml`): reason by issue id.
    public static func knownIssueReasons(geography: Int, _ db: Database) throws -> [String: String] {
        let rows = try Row.fetchAll(db, sql: "SELECT issue_id, reason FROM known_issues WHERE geography = ?", arguments: [geography])
        return Dictionary(uniqueKeysWithValues: rows.map { ($0[0], $0[1]) })
    }
}
