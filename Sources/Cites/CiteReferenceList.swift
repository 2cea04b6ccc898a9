import GRDB
import Warehouse

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
        try CiteStore.referenceLists(db).map { list in
            CiteReferenceList(id: list.id, geography: list.geography, cites: list.cites.map { cite in
                Cite(position: cite.position, refID: cite.refID, nom: cite.name, otherName: cite.otherName, owner: cite.owner,
                     communes: cite.communes, unresolved: cite.unresolved.map { Unresolved(name: $0.name, reason: $0.reason) })
            })
        }
    }
}
