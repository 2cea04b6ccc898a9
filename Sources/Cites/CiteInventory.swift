import GRDB

/// The cités of the current inventory files with their communes and owners, and the
/// operations on them, read once for the reports. Missing values stay nil, never 0.
public struct CiteInventory: Sendable {
    public struct Cite: Sendable, Equatable {
        public let id: String
        public let nom: String
        public let epci: String?
        /// oui, en-partie, non.
        public let unesco: String
        public let logements: Int?
        public let values: [String: Double]
        public let communes: [String]
        public let bailleurs: [Owner]
        /// Its identifiers in the published lists, by list (`unesco` → `15D`), when the inventory gives them.
        public var references: [String: String] = [:]

        /// In the UNESCO property, wholly or in part.
        public var isUNESCO: Bool { unesco != "non" }
    }

    public struct Owner: Sendable, Equatable {
        public let name: String
        public let logements: Int
    }

    public struct Operation: Sendable, Equatable {
        public let id: String
        public let cite: String
        public let programme: String
        public let logements: Int
        /// Years of the commitment and of the delivery (the latter only once delivered).
        public let committedIn: Int?
        public let deliveredIn: Int?
        public let cost: Double?
        public let labelBefore: String?
        public let labelAfter: String?
    }

    /// Numeric columns of `cites` the priority criteria may use.
    public static let criterionColumns = ["logements", "part_ayants_droit", "revenu_median_uc", "etat_bati", "qualite_architecturale"]

    public var cites: [Cite]
    /// Operations not abandoned.
    public var operations: [Operation]

    public init(cites: [Cite], operations: [Operation]) {
        self.cites = cites
        self.operations = operations
    }

    public static func read(_ db: Database) throws -> CiteInventory {
        let current = "JOIN files f USING (file_id) WHERE f.status = 'current'"
        let communes = Dictionary(grouping: try Row.fetchAll(db, sql: "SELECT id_cite, com FROM cite_communes \(current) ORDER BY com")) {
            $0["id_cite"] as String
        }
        let owners = Dictionary(grouping: try Row.fetchAll(db, sql: """
            SELECT id_cite, bailleur, logements FROM cite_bailleurs \(current) ORDER BY bailleur
            """)) { $0["id_cite"] as String }
        let references = Dictionary(grouping: try Row.fetchAll(db, sql: """
            SELECT id_cite, list_id, ref_id FROM cite_reference_ids \(current) ORDER BY list_id
            """)) { $0["id_cite"] as String }
        let cites = try Row.fetchAll(db, sql: "SELECT * FROM cites \(current) ORDER BY id_cite").map { row in
            let id: String = row["id_cite"]
            var values: [String: Double] = [:]
            for column in criterionColumns { values[column] = row[column] }
            return Cite(id: id, nom: row["nom"], epci: row["epci"], unesco: row["unesco"], logements: row["logements"], values: values,
                        communes: (communes[id] ?? []).map { $0["com"] },
                        bailleurs: (owners[id] ?? []).map { Owner(name: $0["bailleur"], logements: $0["logements"]) },
                        references: Dictionary((references[id] ?? []).map { ($0["list_id"] as String, $0["ref_id"] as String) }) { first, _ in first })
        }
        let operations = try Row.fetchAll(db, sql: """
            SELECT * FROM renovation_operations \(current) AND statut != 'abandonnee' ORDER BY id_operation
            """).map { row in
            let delivered = row["statut"] as String == "livree"
            return Operation(id: row["id_operation"], cite: row["id_cite"], programme: row["programme"], logements: row["logements"],
                             committedIn: year(row["date_engagement"]), deliveredIn: delivered ? year(row["date_livraison"]) : nil,
                             cost: row["cout_ttc"], labelBefore: row["etiquette_avant"], labelAfter: row["etiquette_apres"])
        }
        return CiteInventory(cites: cites, operations: operations)
    }

    private static func year(_ date: String?) -> Int? { date.flatMap { Int($0.prefix(4)) } }

    /// Only the cités with a commune among `communes` (codes), and their operations.
    public func restricted(to communes: Set<String>) -> CiteInventory {
        let kept = cites.filter { $0.communes.contains(where: communes.contains) }
        let ids = Set(kept.map(\.id))
        return CiteInventory(cites: kept, operations: operations.filter { ids.contains($0.cite) })
    }
}
