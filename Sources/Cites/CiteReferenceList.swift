import GRDB

/// A published list of cités as `cites references` loaded it (`cite_references`,
/// `cite_reference_communes`): read once to compare the inventory with it.
public struct CiteReferenceList: Sendable, Equatable {
    public struct Cite: Sendable, Equatable {
        public let position: Int
        public let refID: String?
        public let nom: String
        /// Another name the list gives it (ERBM's `nom_2`).
        public let otherName: String?
        /// The owner(s) as the list writes them (`Maisons et Cités / SIA`).
        public let owner: String?
        /// Codes of the commune names that matched one commune.
        public let communes: [String]
        /// Commune names that matched none or several, with the reason.
        public let unresolved: [Unresolved]

        public init(position: Int, refID: String?, nom: String, otherName: String? = nil, owner: String? = nil,
                    communes: [String], unresolved: [Unresolved] = []) {
            self.position = position
            self.refID = refID
            self.nom = nom
            self.otherName = otherName
            self.owner = owner
            self.communes = communes
            self.unresolved = unresolved
        }
    }

    public struct Unresolved: Sendable, Equatable {
        public let name: String
        public let reason: String

        public init(name: String, reason: String) {
            self.name = name
            self.reason = reason
        }
    }

    public let id: String
    public let geography: Int
    public let cites: [Cite]

    public init(id: String, geography: Int, cites: [Cite]) {
        self.id = id
        self.geography = geography
        self.cites = cites
    }

    /// Every list loaded, by id.
    public static func readAll(_ db: Database) throws -> [CiteReferenceList] {
        let communes = Dictionary(grouping: try Row.fetchAll(db, sql: """
            SELECT list_id, position, name, com, reason FROM cite_reference_communes ORDER BY list_id, position, rank
            """)) { "\($0["list_id"] as String) \($0["position"] as Int)" }
        let rows = try Row.fetchAll(db, sql: """
            SELECT list_id, position, ref_id, nom, nom_2, proprietaire, geography FROM cite_references ORDER BY list_id, position
            """)
        return Dictionary(grouping: rows) { $0["list_id"] as String }.sorted { $0.key < $1.key }.map { id, rows in
            let cites = rows.map { row -> Cite in
                let names = communes["\(id) \(row["position"] as Int)"] ?? []
                return Cite(position: row["position"], refID: row["ref_id"], nom: row["nom"], otherName: row["nom_2"], owner: row["proprietaire"],
                            communes: names.compactMap { $0["com"] },
                            unresolved: names.filter { ($0["com"] as String?) == nil }.map { Unresolved(name: $0["name"], reason: $0["reason"]) })
            }
            return CiteReferenceList(id: id, geography: rows.first?["geography"] ?? 0, cites: cites)
        }
    }
}
