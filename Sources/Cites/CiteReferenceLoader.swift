import Cartography
import Core
import Foundation
import Geography
import GRDB
import Logging
import Warehouse

/// Loads a published list of cités (the UNESCO property's 124, the ERBM's 59) into
/// `cite_references`, matching each commune name to a code of the target geography, so
/// that the inventory can be checked against them; names that match no single commune are
/// kept with the reason, never guessed.
public struct CiteReferenceLoader {
    /// One commune name that gave no code.
    public struct Unmatched: Sendable, Equatable {
        public let refID: String?
        public let cite: String
        public let name: String
        public let reason: String
    }

    public struct Summary: Sendable {
        public let listID: String
        public let cites: Int
        public let geography: Int
        public let unmatched: [Unmatched]
        /// Why the outlines were not kept, when the layer's geometries could not be read
        /// (the names and communes are loaded all the same).
        public var shapesNotRead: String?
    }

    public let warehouse: Warehouse
    public let logger: Logger

    public init(warehouse: Warehouse, logger: Logger) {
        self.warehouse = warehouse
        self.logger = logger
    }

    /// Replaces the list `listID` by the features of `path`, in one journaled run: `nom`
    /// (and `nom_2`, another name), `commune`, `commune_1`, `commune_2` …, `type`,
    /// `compagnie`, `interet`, `proprietaire`, the id from `id_unesco`, `id_lsm` or `id`.
    /// - Parameter departements: where to look for the names (all of France when empty).
    public func load(path: String, listID: String, geography: Int, departements: Set<String> = [], command: String) throws -> Summary {
        let features = try GeoJSONFeatures(path: path)
        let (shapes, shapesNotRead) = Self.shapes(path: path)
        var summary: Summary = try RunJournal.transaction(command: command, in: warehouse, headline: { summary in
            "\(summary.cites) cités of \(summary.listID), \(summary.unmatched.count) commune names unmatched"
        }) { runID, db in
            let index = try Self.communeIndex(geography: geography, db)
            try CiteStore.deleteReferenceList(listID, db)
            var unmatched: [Unmatched] = []
            for (position, properties) in features.properties.enumerated() {
                guard let name = properties["nom"] else {
                    throw ObservatoireError(.cites, "feature \(position + 1) has no property 'nom'", path: path)
                }
                let refID = properties["id_unesco"] ?? properties["id_lsm"] ?? properties["id"]
                let cite = CiteStore.PublishedCite(position: position + 1, refID: refID, name: name, otherName: properties["nom_2"],
                                                   type: properties["type"], company: properties["compagnie"],
                                                   interest: properties["interet"], owner: properties["proprietaire"],
                                                   geometry: shapes[position + 1])
                try CiteStore.insertReferenceCite(cite, listID: listID, geography: geography, path: path, runID: runID, db)
                for (rank, commune) in Self.communeNames(properties).enumerated() {
                    let match = index.match(commune, departements: departements)
                    var code: String?
                    var reason: String?
                    switch match {
                    case .code(let found): code = found
                    case .unmatched(let why):
                        reason = why
                        unmatched.append(Unmatched(refID: refID, cite: name, name: commune, reason: why))
                        logger.debug("Unmatched commune name", metadata: [
                            "list": "\(listID)", "cite": "\(name)", "commune": "\(commune)", "reason": "\(why)",
                        ])
                    }
                    try CiteStore.insertReferenceCommune(listID: listID, position: position + 1, rank: rank + 1, name: commune,
                                                         code: code, reason: reason, db)
                }
            }
            return Summary(listID: listID, cites: features.properties.count, geography: geography, unmatched: unmatched)
        }
        summary.shapesNotRead = shapesNotRead
        logger.info("Loaded reference list", metadata: [
            "list": "\(listID)", "file.path": "\(path)", "geography": "\(geography)", "cites": "\(summary.cites)",
            "communes.unmatched": "\(summary.unmatched.count)", "outlines": "\(shapes.count)",
        ])
        return summary
    }

    /// Each feature's outline as WKB, by position from 1, checked by GEOS (an invalid one is
    /// left out); none, and why, when the layer's geometries cannot be read as polygons.
    static func shapes(path: String) -> (byPosition: [Int: [UInt8]], notRead: String?) {
        do {
            let context = try GeosContext()
            var shapes: [Int: [UInt8]] = [:]
            for feature in try GeoJSONPolygons(path: path).features {
                let geometry = try GeosGeometry(feature.geometry, in: context)
                if try geometry.isValid() { shapes[feature.index] = try geometry.wkb() }
            }
            return (shapes, nil)
        } catch {
            return ([:], "\(error)")
        }
    }

    /// `commune_1`, `commune_2`, … in order (or a single `commune`), the empty ones left out.
    static func communeNames(_ properties: [String: String]) -> [String] {
        properties.keys.compactMap { key -> (Int, String)? in
            guard key == "commune" || key.hasPrefix("commune_"), let value = properties[key],
                  !value.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
            return (Int(key.dropFirst("commune_".count)) ?? 0, value)
        }.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// The communes of COG `geography`, from the current `cog_communes` rows.
    static func communeIndex(geography: Int, _ db: Database) throws -> CommuneNameIndex {
        let communes = try CiteStore.cogCommunes(geography: geography, db).map {
            CommuneNameIndex.Commune(code: $0.code, name: $0.name, departement: $0.departement ?? "")
        }
        guard !communes.isEmpty else {
            throw ObservatoireError(.cites, "no COG \(geography) communes are loaded: ingest the COG \(geography) communes.csv first")
        }
        return CommuneNameIndex(communes: communes, geography: geography)
    }
}
