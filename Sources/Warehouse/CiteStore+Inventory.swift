import GRDB

extension CiteStore {
    /// One cité of the current inventory files with its communes, owners and identifiers in
    /// the published lists: what the reports need of it, read at once. Missing values stay
    /// nil, never 0.
    public struct InventoryCite: Sendable, Equatable {
        public let id: String
        public let name: String
        public let epci: String?
        /// oui, en-partie, non.
        public let unesco: String
        public let dwellings: Int?
        /// The numeric columns asked for, those with a value.
        public let criteria: [String: Double]
        /// Commune codes, sorted.
        public let communes: [String]
        /// By owner name.
        public let owners: [InventoryOwner]
        /// Identifier by list (`unesco` → `15D`).
        public let references: [String: String]
    }

    public struct InventoryOwner: Sendable, Equatable {
        public let name: String
        public let dwellings: Int
    }

    /// A renovation operation of the current inventory files, dates as written (`2021-03-01`).
    public struct RenovationOperation: Sendable, Equatable {
        public let id: String
        public let cite: String
        public let programme: String
        public let dwellings: Int
        /// `livree`, `engagee` …, never `abandonnee`.
        public let status: String
        public let committedOn: String?
        public let deliveredOn: String?
        public let cost: Double?
        public let labelBefore: String?
        public let labelAfter: String?
    }

    /// The cités of the current inventory files, by id.
    /// - Parameter criteria: columns of `cites` to read as numbers (names the caller validated).
    public static func inventoryCites(criteria: [String], _ db: Database) throws -> [InventoryCite] {
        let communes = Dictionary(grouping: try Row.fetchAll(db, sql: "SELECT id_cite, com FROM cite_communes \(current) ORDER BY com")) {
            $0["id_cite"] as String
        }
        let owners = Dictionary(grouping: try Row.fetchAll(db, sql: """
            SELECT id_cite, bailleur, logements FROM cite_bailleurs \(current) ORDER BY bailleur
            """)) { $0["id_cite"] as String }
        let references = Dictionary(grouping: try Row.fetchAll(db, sql: """
            SELECT id_cite, list_id, ref_id FROM cite_reference_ids \(current) ORDER BY list_id
            """)) { $0["id_cite"] as String }
        return try Row.fetchAll(db, sql: "SELECT * FROM cites \(current) ORDER BY id_cite").map { row in
            let id: String = row["id_cite"]
            var values: [String: Double] = [:]
            for column in criteria { values[column] = row[column] }
            return InventoryCite(
                id: id, name: row["nom"], epci: row["epci"], unesco: row["unesco"], dwellings: row["logements"], criteria: values,
                communes: (communes[id] ?? []).map { $0["com"] },
                owners: (owners[id] ?? []).map { InventoryOwner(name: $0["bailleur"], dwellings: $0["logements"]) },
                references: Dictionary((references[id] ?? []).map { ($0["list_id"] as String, $0["ref_id"] as String) }) { first, _ in first })
        }
    }

    /// The operations of the current inventory files not abandoned, by id.
    public static func renovationOperations(_ db: Database) throws -> [RenovationOperation] {
        try Row.fetchAll(db, sql: """
            SELECT * FROM renovation_operations \(current) AND statut != 'abandonnee' ORDER BY id_operation
            """).map { row in
            RenovationOperation(id: row["id_operation"], cite: row["id_cite"], programme: row["programme"], dwellings: row["logements"],
                                status: row["statut"], committedOn: row["date_engagement"], deliveredOn: row["date_livraison"],
                                cost: row["cout_ttc"], labelBefore: row["etiquette_avant"], labelAfter: row["etiquette_apres"])
        }
    }

    /// Keeps an inventory table's rows to the current files: a replaced file's rows are history.
    static let current = "JOIN files f USING (file_id) WHERE f.status = 'current'"
}
