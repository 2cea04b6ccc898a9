import Foundation
import GRDB

extension CiteStore {
    /// A published list of cités as `cites references` loaded it, to check the inventory against.
    public struct ReferenceList: Sendable, Equatable {
        public let id: String
        /// The COG its commune names were matched in.
        public let geography: Int
        /// In the list's order.
        public let cites: [ReferenceCite]
    }

    public struct ReferenceCite: Sendable, Equatable {
        /// 1 for the list's first feature.
        public let position: Int
        public let refID: String?
        public let name: String
        public let otherName: String?
        public let owner: String?
        /// Codes of the commune names that matched one commune, in the feature's order.
        public let communes: [String]
        /// Commune names that matched none or several, with the reason.
        public let unresolved: [UnresolvedName]
    }

    public struct UnresolvedName: Sendable, Equatable {
        public let name: String
        public let reason: String
    }

    /// Every list loaded, by id.
    public static func referenceLists(_ db: Database) throws -> [ReferenceList] {
        let communes = Dictionary(grouping: try Row.fetchAll(db, sql: """
            SELECT list_id, position, name, com, reason FROM cite_reference_communes ORDER BY list_id, position, rank
            """)) { "\($0["list_id"] as String) \($0["position"] as Int)" }
        let rows = try Row.fetchAll(db, sql: """
            SELECT list_id, position, ref_id, nom, nom_2, proprietaire, geography FROM cite_references ORDER BY list_id, position
            """)
        return Dictionary(grouping: rows) { $0["list_id"] as String }.sorted { $0.key < $1.key }.map { id, rows in
            let cites = rows.map { row -> ReferenceCite in
                let names = communes["\(id) \(row["position"] as Int)"] ?? []
                return ReferenceCite(position: row["position"], refID: row["ref_id"], name: row["nom"], otherName: row["nom_2"],
                                     owner: row["proprietaire"], communes: names.compactMap { $0["com"] },
                                     unresolved: names.filter { ($0["com"] as String?) == nil }.map { UnresolvedName(name: $0["name"], reason: $0["reason"]) })
            }
            return ReferenceList(id: id, geography: rows.first?["geography"] ?? 0, cites: cites)
        }
    }

    /// One feature of a published list, as loaded.
    public struct PublishedCite: Sendable {
        public var position: Int
        public var refID: String?
        public var name: String
        public var otherName: String?
        public var type: String?
        public var company: String?
        public var interest: String?
        public var owner: String?
        /// The cité's outline as the list publishes it (ISO WKB, WGS84), when read.
        public var geometry: [UInt8]?

        public init(position: Int, refID: String?, name: String, otherName: String?, type: String?, company: String?,
                    interest: String?, owner: String?, geometry: [UInt8]? = nil) {
            self.geometry = geometry
            self.position = position
            self.refID = refID
            self.name = name
            self.otherName = otherName
            self.type = type
            self.company = company
            self.interest = interest
            self.owner = owner
        }
    }

    /// Deletes list `listID` before it is loaded again: a list is replaced whole.
    public static func deleteReferenceList(_ listID: String, _ db: Database) throws {
        try db.execute(sql: "DELETE FROM cite_reference_communes WHERE list_id = ?", arguments: [listID])
        try db.execute(sql: "DELETE FROM cite_references WHERE list_id = ?", arguments: [listID])
    }

    /// - Parameters:
    ///   - geography: the COG its commune names are matched in.
    ///   - path: the file it comes from.
    public static func insertReferenceCite(_ cite: PublishedCite, listID: String, geography: Int, path: String, runID: Int64,
                                           _ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO cite_references (list_id, position, ref_id, nom, nom_2, type, compagnie, interet, proprietaire, geography, path, run_id,
                                         geometry)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [listID, cite.position, cite.refID, cite.name, cite.otherName, cite.type, cite.company,
                             cite.interest, cite.owner, geography, path, runID, cite.geometry.map { Data($0) }])
    }

    /// One commune name of a listed cité: its code when it matched one commune, else why not.
    /// - Parameter rank: 1 for the feature's first commune name.
    public static func insertReferenceCommune(listID: String, position: Int, rank: Int, name: String, code: String?, reason: String?,
                                              _ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO cite_reference_communes (list_id, position, rank, name, com, reason) VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [listID, position, rank, name, code, reason])
    }

    /// A commune of the COG as loaded (`cog_communes`).
    public struct COGCommune: Sendable, Equatable {
        public let code: String
        public let name: String
        public let departement: String?
    }

    /// The communes (`typecom` COM) of COG `geography` from the current `cog_communes` rows:
    /// what the names of the published lists are matched to.
    public static func cogCommunes(geography: Int, _ db: Database) throws -> [COGCommune] {
        try Row.fetchAll(db, sql: """
            SELECT c.com, c.libelle, c.dep FROM cog_communes c JOIN files f USING (file_id)
            WHERE f.status = 'current' AND c.vintage = ? AND c.typecom = 'COM'
            """, arguments: [String(geography)]).map { COGCommune(code: $0["com"], name: $0["libelle"], departement: $0["dep"]) }
    }
}
