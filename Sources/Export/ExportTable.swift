import GRDB
import Warehouse

/// The rows of an export, read from `v_indicator_values`, with the sources they come from.
public struct ExportTable: Sendable {
    public struct Row: Sendable, Equatable {
        public var territoryCode: String
        public var territoryLevel: String
        public var territoryName: String
        public var indicator: String
        public var label: String
        public var period: String
        public var value: Double?
        public var unit: String
        public var status: String
        public var coverage: Double?
        public var estimate: Bool
        public var method: String
        /// Known issues of the source values (`pipelines/known-issues.yaml`), if any.
        public var flags: String?
    }

    public let request: ExportRequest
    public let rows: [Row]
    /// "Filosofi 2021 … (INSEE-DGFiP-Cnaf-Cnav-Ccmsa): cc_filosofi_2021_COM.csv", one per source.
    public let sources: [String]

    /// Long-form columns, in order.
    public static let columns = ["territory_code", "territory_level", "territory_name", "indicator", "label", "period",
                                 "value", "unit", "status", "coverage", "estimate", "method", "flags"]

    public init(request: ExportRequest, warehouse: Warehouse) throws {
        self.request = request
        let marks = request.indicators.map { _ in "?" }.joined(separator: ", ")
        (rows, sources) = try warehouse.read { db in
            let known = try String.fetchSet(db, sql: "SELECT indicator_id FROM indicators WHERE indicator_id IN (\(marks))",
                                            arguments: StatementArguments(request.indicators))
            if let unknown = request.indicators.first(where: { !known.contains($0) }) {
                throw ExportError("no computed indicator '\(unknown)': check `observatoire indicators list` and run `observatoire compute`")
            }
            let rows = try GRDB.Row.fetchAll(db, sql: """
                SELECT v.territory_code, v.territory_level, v.territory_name, v.indicator_id, i.label, v.period, v.value,
                       v.unit, v.status, v.coverage, v.estimate, v.method, v.flags
                FROM v_indicator_values v JOIN indicators i USING (indicator_id)
                WHERE v.geography = :g AND v.territory_level = :level AND v.indicator_id IN (SELECT value FROM json_each(:indicators))
                  AND v.territory IN (\(TerritorySelection.sql))
                ORDER BY v.territory_name, v.territory_code, instr(:order, '|' || v.indicator_id || '|'), v.period
                """, arguments: ["g": request.geography, "level": request.level.code, "within": request.within,
                                 "indicators": Self.json(request.indicators),
                                 "order": "|" + request.indicators.joined(separator: "|") + "|"]).map { row in
                Row(territoryCode: row[0], territoryLevel: row[1], territoryName: row[2] ?? "", indicator: row[3], label: row[4],
                    period: row[5], value: row[6], unit: row[7], status: row[8], coverage: row[9], estimate: row[10] == 1,
                    method: row[11], flags: row[12])
            }
            return (rows, try Self.sources(of: request.indicators, geography: request.geography, db))
        }
    }

    /// The sources and files the indicators were computed from (`indicator_sources`).
    private static func sources(of indicators: [String], geography: Int, _ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: """
            SELECT s.label || ' (' || coalesce(s.publisher, '') || '): ' || group_concat(DISTINCT f.name)
            FROM indicator_sources x
            JOIN files f ON f.file_id = x.file_id
            JOIN sources s ON s.source_id = f.source_id
            WHERE x.geography = ? AND x.indicator_id IN (SELECT value FROM json_each(?))
            GROUP BY s.source_id ORDER BY s.source_id
            """, arguments: [geography, json(indicators)])
    }

    private static func json(_ strings: [String]) -> String {
        "[" + strings.map { "\"" + $0.replacingOccurrences(of: "\"", with: "") + "\"" }.joined(separator: ",") + "]"
    }
}
