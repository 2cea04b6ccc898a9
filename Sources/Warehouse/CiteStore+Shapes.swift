import Foundation
import GRDB

extension CiteStore {
    /// A cité of a reference list with its outline, what the inventory says of it, and the
    /// state of its renovation: what a map of the cités draws.
    public struct CiteShape: Sendable {
        public let listID: String
        public let refID: String?
        public let name: String
        /// ISO WKB, WGS84, as the list publishes it.
        public let wkb: [UInt8]
        /// The codes its commune names matched in the list's geography.
        public let communes: [String]
        /// The inventory cité that names it (`references`), if any.
        public let inventoryID: String?
        /// The statuses of its operations (`programmee`, `engagee`, `en-travaux`, `livree`),
        /// abandoned ones left out.
        public let operations: [String]
        /// Its rank in the last `cites rank`, if ranked.
        public let priorityRank: Int?
    }

    /// Every cité of the reference lists loaded with an outline.
    public static func shapes(_ db: Database) throws -> [CiteShape] {
        let communes = Dictionary(grouping: try Row.fetchAll(db, sql: """
            SELECT list_id, position, com FROM cite_reference_communes WHERE com IS NOT NULL ORDER BY list_id, position, rank
            """), by: { "\($0["list_id"] as String) \($0["position"] as Int)" })
        let inventory = Dictionary(try Row.fetchAll(db, sql: """
            SELECT i.list_id, i.ref_id, i.id_cite FROM cite_reference_ids i \(current)
            """).map { ("\($0["list_id"] as String) \($0["ref_id"] as String)", $0["id_cite"] as String) }, uniquingKeysWith: { first, _ in first })
        let operations = Dictionary(grouping: try Row.fetchAll(db, sql: """
            SELECT o.id_cite, o.statut FROM renovation_operations o \(current) AND o.statut != 'abandonnee'
            """), by: { $0["id_cite"] as String }).mapValues { $0.map { $0["statut"] as String } }
        let ranks = Dictionary(try Row.fetchAll(db, sql: "SELECT id_cite, rank FROM report_cites_priority").map {
            ($0["id_cite"] as String, $0["rank"] as Int)
        }, uniquingKeysWith: { first, _ in first })
        return try Row.fetchAll(db, sql: """
            SELECT list_id, position, ref_id, nom, geometry FROM cite_references WHERE geometry IS NOT NULL ORDER BY list_id, position
            """).map { row in
            let listID: String = row["list_id"]
            let refID: String? = row["ref_id"]
            let inventoryID = refID.flatMap { inventory["\(listID) \($0)"] }
            return CiteShape(listID: listID, refID: refID, name: row["nom"], wkb: [UInt8](row["geometry"] as Data),
                             communes: communes["\(listID) \(row["position"] as Int)"]?.map { $0["com"] as String } ?? [],
                             inventoryID: inventoryID, operations: inventoryID.flatMap { operations[$0] } ?? [],
                             priorityRank: inventoryID.flatMap { ranks[$0] })
        }
    }
}
