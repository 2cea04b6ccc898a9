import Core
import Foundation
import Geography
import GRDB
import Warehouse

/// Finds territories by code or by name in the `territories` table of one geography, and
/// describes them. Names match without accents or case, word by word.
public struct TerritoryDirectory {
    public let warehouse: Warehouse
    public let geography: Int
    var store: TerritoryStore { TerritoryStore(geography: geography) }

    /// - Parameter geography: nil for the most recent geography `normalise` built.
    public init(warehouse: Warehouse, geography: Int?) throws {
        self.warehouse = warehouse
        if let geography {
            self.geography = geography
        } else if let latest = try warehouse.read({ try TerritoryStore.latestGeography($0) }) {
            self.geography = latest
        } else {
            throw ObservatoireError(.missingReference, "no territories yet: run `observatoire normalise --geography YEAR` first")
        }
    }

    /// Territories whose name holds every word of `query` (as a word start), the best first:
    /// exact names, then names that start with the query, then by level and length.
    public func search(_ query: String, limit: Int = 25) throws -> [Territory] {
        let words = NameFolding.words(of: query)
        guard !words.isEmpty else { return [] }
        let folded = words.joined(separator: " ")
        let candidates = try warehouse.read { db in try store.named(containing: words, db) }
        let matching = candidates.filter { territory in
            let nameWords = territory.searchName.split(separator: " ")
            return words.allSatisfy { word in nameWords.contains { $0.hasPrefix(word) } }
        }
        func rank(_ territory: Territory) -> (Int, Int, Int, String) {
            let name = territory.searchName
            let closeness = name == folded ? 0 : name.hasPrefix(folded) ? 1 : 2
            return (closeness, Territory.levelOrder[territory.level] ?? 9, name.count, territory.id)
        }
        return Array(matching.sorted { rank($0) < rank($1) }.prefix(limit))
    }

    /// The territory an argument names: `FR`, a prefixed code (`EPCI:246200364`), a bare
    /// code (`62498`, `246200364`, `62`) or a name. A name that fits several territories
    /// is an error listing them.
    public func resolve(_ argument: String) throws -> Territory {
        let text = argument.trimmingCharacters(in: .whitespaces)
        if text.uppercased() == "FR" || text.lowercased() == "france" { return try lookup(id: "FR", argument: argument) }
        if let colon = text.firstIndex(of: ":") {
            let level = text[..<colon].uppercased()
            let code = String(text[text.index(after: colon)...])
            guard Territory.levelOrder[level] != nil else {
                throw ObservatoireError(.unknownTerritory, "'\(argument)': unknown level \(level); use COM, ARM, EPCI, DEP, REG, ZONE or FR")
            }
            return try lookup(id: "\(level):\(level == "ZONE" ? code.lowercased() : code.uppercased())", argument: argument)
        }
        let upper = text.uppercased()
        if upper.range(of: "^([0-9]{2}|2A|2B)[0-9]{3}$", options: .regularExpression) != nil {
            return try lookup(ids: ["COM:\(upper)", "ARM:\(upper)"], argument: argument)
        }
        if upper.range(of: "^[0-9]{9}$", options: .regularExpression) != nil { return try lookup(id: "EPCI:\(upper)", argument: argument) }
        if upper.range(of: "^([0-9]{2}|2A|2B|97[0-9])$", options: .regularExpression) != nil { return try lookup(id: "DEP:\(upper)", argument: argument) }
        return try resolveName(text)
    }

    private func resolveName(_ name: String) throws -> Territory {
        let folded = NameFolding.fold(name)
        let found = try search(name, limit: 200)
        let exact = found.filter { NameFolding.fold($0.name) == folded }
        let candidates = exact.isEmpty ? found : exact
        guard let first = candidates.first else {
            throw ObservatoireError(.unknownTerritory, "no territory named '\(name)' in geography \(geography); try `observatoire territories search`")
        }
        guard candidates.count == 1 else {
            let list = try candidates.prefix(15).map { "  \($0.id)  \($0.name)\(try parentsLabel(of: $0))" }.joined(separator: "\n")
            throw ObservatoireError(.ambiguousTerritory, "'\(name)' names \(candidates.count) territories; give one of their codes:\n\(list)")
        }
        return first
    }

    /// ", Pas-de-Calais" for a commune: enough to tell namesakes apart.
    private func parentsLabel(of territory: Territory) throws -> String {
        guard territory.level == "COM" || territory.level == "ARM" else { return "" }
        let departement = try parents(of: territory).first { $0.level == "DEP" }
        return departement.map { ", \($0.name)" } ?? ""
    }

    private func lookup(id: String, argument: String) throws -> Territory {
        try lookup(ids: [id], argument: argument)
    }

    private func lookup(ids: [String], argument: String) throws -> Territory {
        let found = try warehouse.read { db in try store.territories(ids, db) }.min { $0.id < $1.id }
        guard let found else {
            let hint = ids.first?.hasPrefix("DEP:") == true ? " (a bare two-digit code is a département; write REG:\(argument) for a région)" : ""
            throw ObservatoireError(.unknownTerritory, "no territory \(ids.joined(separator: " or ")) in geography \(geography) ('\(argument)')\(hint)")
        }
        return found
    }

    public func parents(of territory: Territory) throws -> [Territory] {
        try warehouse.read { db in try parents(of: territory, db) }
    }

    /// The territories `territory` belongs to, larger first (France, région, département …),
    /// read in `db`: callers inside a write transaction (portraits) cannot open a read.
    public func parents(of territory: Territory, _ db: Database) throws -> [Territory] {
        try store.parents(of: territory.id, db).sorted { (Territory.levelOrder[$0.level] ?? 9, $0.name) < (Territory.levelOrder[$1.level] ?? 9, $1.name) }
    }

    /// The commune-level members of an aggregate (all communes for France).
    public func communeIDs(of territory: Territory, _ db: Database) throws -> [String] {
        try store.communeIDs(of: territory.id, db)
    }

    public func profile(of territory: Territory) throws -> TerritoryProfile {
        let parents = try parents(of: territory)
        return try warehouse.read { db in
            let communes = try communeIDs(of: territory, db)
            let listed = ["EPCI", "ZONE", "COM"].contains(territory.level)
            let members = listed ? try store.members(of: territory.id, db) : []
            let count = territory.level == "COM" ? members.count : communes.count
            return TerritoryProfile(territory: territory, parents: parents, members: members, memberCount: count,
                                    populations: try populations(of: communes, db))
        }
    }

    /// `PMUN` of every populations légales file normalised onto this geography, summed.
    private func populations(of communes: [String], _ db: Database) throws -> [PopulationFigure] {
        try store.populations(of: communes, files: try FileJournal.populationFiles(db), db).compactMap { sum in
            guard sum.rows > 0 else { return nil }
            let file = sum.file
            let vintage = file.vintage
            let from = file.geography
            // A sum over the communes that have a value, said to be incomplete when some
            // lack one; none at all when one is secret, lest the secret be recovered by
            // subtracting this sum from a published total.
            let status = sum.secret ? "secret" : sum.present == communes.count ? "ok" : "incomplete"
            return PopulationFigure(
                label: "population municipale, populations légales RP\(vintage) (\(file.sourceID), COG \(from.map(String.init) ?? "?") → \(geography))",
                value: sum.secret || sum.present == 0 ? nil : sum.total,
                status: status, communesWithValue: sum.present, communes: communes.count)
        }
    }

    /// The EPCI as the composition of `vintage` published it, against its perimeter here.
    public func epciHistory(of territory: Territory, vintage: Int) throws -> EPCIHistory {
        try warehouse.read { db in
            guard let file = try FileJournal.epciComposition(vintage: String(vintage), db) else {
                throw ObservatoireError(.missingReference, "no EPCI composition of \(vintage) is loaded: ingest one (INSEE EPCI_au_01-01-\(vintage).xlsx or DGCL epcicom-\(vintage).xlsx)")
            }
            let members = try TerritoryStore.epciMembers(territory.code, inComposition: file.fileID, db)
            let then = Set(members.map(\.code))
            let now = Set(try communeIDs(of: territory, db).map { String($0.dropFirst(4)) })
            return EPCIHistory(vintage: String(vintage), source: "\(file.sourceID) \(file.name)",
                               name: members.first?.epciName, members: members.map { ($0.code, $0.name) },
                               joinedSince: now.subtracting(then).sorted(), leftSince: then.subtracting(now).sorted())
        }
    }
}
