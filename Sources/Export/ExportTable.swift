import Core
import GRDB
import Warehouse

/// The rows of an export, read from `v_indicator_values`, with the sources they come from
/// and, for every indicator asked for that has no value at the level asked, the reason.
public struct ExportTable: Sendable {
    public struct Row: Sendable, Equatable {
        public var territoryCode: String
        public var territoryLevel: String
        public var territoryName: String
        public var indicator: String
        public var label: String
        /// `2021`, or `2015-2021` for a change between two years.
        public var period: String
        /// Only when the status lets it out as a figure (`ok`, `partial`).
        public var value: Double?
        public var unit: String
        public var decimals: Int
        public var status: String
        public var coverage: Double?
        public var communes: Int?
        public var communesExpected: Int?
        public var estimate: Bool
        /// Share of an estimate imputed or extrapolated rather than observed.
        public var estimatedShare: Double?
        public var method: String
        /// Known issues of the source values (`pipelines/known-issues.yaml`), if any.
        public var flags: String?

        /// The last year of the period, a number: `2021` for `2015-2021`.
        public var year: Int? { Int(period.split(separator: "-").last ?? "") }
        /// The first year of a change between two years; nil for one year.
        public var startYear: Int? { period.contains("-") ? Int(period.split(separator: "-")[0]) : nil }
    }

    /// An indicator asked for that has no value for the territories asked, and why.
    public struct Missing: Sendable, Equatable {
        public var indicator: String
        public var label: String
        public var unit: String
        public var reason: String
    }

    /// A territory of the selection, for the rows of missing indicators.
    public struct Territory: Sendable, Equatable {
        public var code: String
        public var level: String
        public var name: String
    }

    public let request: ExportRequest
    public let rows: [Row]
    public let missing: [Missing]
    public let territories: [Territory]
    /// "Filosofi 2021 … (INSEE-DGFiP-Cnaf-Cnav-Ccmsa): cc_filosofi_2021_COM.csv", one per source.
    public let sources: [String]

    /// Indicators that have at least one row, in the order asked.
    public var writtenIndicators: [String] {
        let present = Set(rows.map(\.indicator))
        return request.indicators.filter(present.contains)
    }

    public init(request: ExportRequest, warehouse: Warehouse) throws {
        self.request = request
        let marks = request.indicators.map { _ in "?" }.joined(separator: ", ")
        (rows, missing, territories, sources) = try warehouse.read { db in
            let known = try String.fetchSet(db, sql: "SELECT indicator_id FROM indicators WHERE indicator_id IN (\(marks))",
                                            arguments: StatementArguments(request.indicators))
            if let unknown = request.indicators.first(where: { !known.contains($0) }) {
                throw ObservatoireError(.export, "no computed indicator '\(unknown)': check `observatoire indicators list` and run `observatoire compute`")
            }
            let selection: StatementArguments = ["g": request.geography, "level": request.level.code, "within": request.within]
            let rows = try GRDB.Row.fetchAll(db, sql: """
                SELECT v.territory_code, v.territory_level, v.territory_name, v.indicator_id, i.label, v.period, v.value,
                       v.unit, coalesce(i.decimals, 1), v.status, v.coverage, v.territory_communes, v.territory_communes_expected,
                       v.estimate, v.estimated_share, v.method, v.flags
                FROM v_indicator_values v JOIN indicators i USING (indicator_id)
                WHERE v.geography = :g AND v.territory_level = :level AND v.indicator_id IN (SELECT value FROM json_each(:indicators))
                  AND v.territory IN (\(TerritoryStore.selectionSQL))
                ORDER BY v.territory_name, v.territory_code, instr(:order, '|' || v.indicator_id || '|'), v.period
                """, arguments: selection + ["indicators": try SQLList.json(request.indicators),
                                             "order": "|" + request.indicators.joined(separator: "|") + "|"]).map { row in
                Row(territoryCode: row[0], territoryLevel: row[1], territoryName: row[2] ?? "", indicator: row[3], label: row[4],
                    period: row[5], value: row[6], unit: row[7], decimals: row[8], status: row[9], coverage: row[10], communes: row[11],
                    communesExpected: row[12], estimate: row[13] == 1, estimatedShare: row[14], method: row[15], flags: row[16])
            }
            let territories = try TerritoryStore(geography: request.geography).selection(level: request.level.code, within: request.within, db)
                .map { Territory(code: $0.code, level: $0.level, name: $0.name) }
            let present = Set(rows.map(\.indicator))
            let missing = try request.indicators.filter { !present.contains($0) }.map { id in
                try Self.missing(id, request: request, db)
            }
            return (rows, missing, territories, try Self.sources(of: request.indicators, geography: request.geography, db))
        }
    }

    /// Why an indicator has no value at the level asked: it has some at other levels (it
    /// does not add up, and no source publishes it at this level), or none at all (its
    /// variables are not loaded).
    private static func missing(_ id: String, request: ExportRequest, _ db: Database) throws -> Missing {
        let definition = try GRDB.Row.fetchOne(db, sql: """
            SELECT label, unit, aggregation, formula, sources FROM indicators WHERE indicator_id = ?
            """, arguments: [id])!
        let levels = try String.fetchAll(db, sql: """
            SELECT DISTINCT t.level FROM indicator_values v JOIN territories t ON t.geography = v.geography AND t.territory = v.territory
            WHERE v.geography = ? AND v.indicator_id = ? AND (v.status = 'ok' OR v.status = 'partial') ORDER BY t.level
            """, arguments: [request.geography, id])
        let formula: String = definition["formula"]
        let sources = (definition["sources"] as String?).map { " ; sources attendues : \($0)" } ?? ""
        let reason: String
        if !levels.isEmpty {
            let aggregation: String = definition["aggregation"]
            let why = aggregation == "non_aggregable"
                ? "non agrégeable (une médiane ou un taux publié ne s'additionne pas) : une source doit le publier à ce niveau (\(formula))"
                : "aucun territoire de ce niveau n'a ses composantes (\(formula))"
            reason = "aucune valeur au niveau \(request.level.code) : \(why)\(sources) ; valeurs aux niveaux \(levels.joined(separator: ", "))"
        } else {
            reason = "aucune valeur calculée : les variables de sa formule (\(formula)) ne sont pas chargées\(sources)"
        }
        return Missing(indicator: id, label: definition["label"], unit: definition["unit"], reason: reason)
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
            """, arguments: [geography, try SQLList.json(indicators)])
    }
}
