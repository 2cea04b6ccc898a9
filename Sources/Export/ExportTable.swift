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
    /// For a GIS export: the territories written without a contour (none in the warehouse).
    public var withoutContour: [String] = []

    /// Indicators that have at least one row, in the order asked.
    public var writtenIndicators: [String] {
        let present = Set(rows.map(\.indicator))
        return request.indicators.filter(present.contains)
    }

    public init(request: ExportRequest, warehouse: Warehouse) throws {
        self.request = request
        (rows, missing, territories, sources) = try warehouse.read { db in
            let definitions = Dictionary(uniqueKeysWithValues: try IndicatorStore.definitions(of: request.indicators, db).map { ($0.id, $0) })
            if let unknown = request.indicators.first(where: { definitions[$0] == nil }) {
                throw ObservatoireError(.export, "no computed indicator '\(unknown)': check `observatoire indicators list` and run `observatoire compute`")
            }
            let rows = try IndicatorStore.exportLines(indicators: request.indicators, level: request.level.code, within: request.within,
                                                      geography: request.geography, db).map { line in
                Row(territoryCode: line.territoryCode, territoryLevel: line.territoryLevel, territoryName: line.territoryName ?? "",
                    indicator: line.indicator, label: line.label, period: line.period, value: line.value, unit: line.unit,
                    decimals: line.decimals, status: line.status, coverage: line.coverage, communes: line.communes,
                    communesExpected: line.communesExpected, estimate: line.estimate, estimatedShare: line.estimatedShare,
                    method: line.method, flags: line.flags)
            }
            let territories = try TerritoryStore(geography: request.geography).selection(level: request.level.code, within: request.within, db)
                .map { Territory(code: $0.code, level: $0.level, name: $0.name) }
            let present = Set(rows.map(\.indicator))
            let missing = try request.indicators.filter { !present.contains($0) }.map { id in
                try Self.missing(definitions[id]!, request: request, db)
            }
            return (rows, missing, territories,
                    try IndicatorStore.sourceLines(of: request.indicators, geography: request.geography, db))
        }
    }

    /// Why an indicator has no value at the level asked: it has some at other levels (it
    /// does not add up, and no source publishes it at this level), or none at all (its
    /// variables are not loaded).
    private static func missing(_ definition: IndicatorStore.RecordedDefinition, request: ExportRequest, _ db: Database) throws -> Missing {
        let levels = try IndicatorStore.levelsWithValues(of: definition.id, geography: request.geography, db)
        let formula = definition.formula
        let sources = definition.sources.map { " ; sources attendues : \($0)" } ?? ""
        let reason: String
        if !levels.isEmpty {
            let why = definition.aggregation == "non_aggregable"
                ? "non agrégeable (une médiane ou un taux publié ne s'additionne pas) : une source doit le publier à ce niveau (\(formula))"
                : "aucun territoire de ce niveau n'a ses composantes (\(formula))"
            reason = "aucune valeur au niveau \(request.level.code) : \(why)\(sources) ; valeurs aux niveaux \(levels.joined(separator: ", "))"
        } else {
            reason = "aucune valeur calculée : les variables de sa formule (\(formula)) ne sont pas chargées\(sources)"
        }
        return Missing(indicator: definition.id, label: definition.label, unit: definition.unit, reason: reason)
    }
}
