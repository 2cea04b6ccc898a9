import Geography

/// The inventory of cités checked against the published lists (UNESCO, ERBM): which cités
/// of the inventory each list has and which of its cités the inventory lacks, and where
/// the two disagree — so that an inventory kept by hand can be corrected against the
/// lists rather than trusted.
///
/// A cité of the inventory is matched to a cité of a list by the identifier the inventory
/// gives it in that list (column `references`, `unesco:15D`), else by name and commune:
/// the same name once folded (accents, case, punctuation, the word "cité" and the articles
/// ignored, `St` read `Saint`; the list's `nom_2` and a name in brackets count too) and
/// at least one commune in common. A name found only in other communes is a namesake,
/// reported, not a match.
public struct CiteComparison: Sendable {
    public enum Match: String, Sendable {
        case identifier
        case name = "name and commune"
        case none
        /// A cité of the list that no cité of the inventory matched.
        case notInInventory = "not in the inventory"
    }

    /// What disagrees, by kind, so that a reader can filter them.
    public enum Kind: String, Sendable, CaseIterable {
        /// The inventory's `unesco` says otherwise than the UNESCO list.
        case unesco
        /// The matched cités do not have the same communes.
        case communes
        /// The list's owners are not the inventory's.
        case owners
        /// ERBM operations on a cité the ERBM list does not have.
        case erbm
        /// An identifier the list does not hold.
        case identifier
        /// Several cités of the list fit, or several cités of the inventory matched one.
        case ambiguous
        /// The list has a cité of that name, in other communes.
        case namesake
        /// Commune names of the list that gave no code.
        case unresolved
    }

    public struct Issue: Sendable, Equatable {
        public let kind: Kind
        public let message: String
    }

    public struct Row: Sendable, Equatable {
        /// The inventory's cité; nil for a cité of the list the inventory lacks.
        public let citeID: String?
        public let nom: String?
        public let listID: String
        public let refID: String?
        public let refName: String?
        public let match: Match
        public var issues: [Issue]
    }

    public struct ListSummary: Sendable, Equatable {
        public let listID: String
        public let cites: Int
        public let byIdentifier: Int
        public let byName: Int
        public let notInInventory: Int
    }

    public let rows: [Row]
    public let summaries: [ListSummary]
    /// Checks that could not be made (a list not loaded).
    public let notes: [String]

    /// - Parameters:
    ///   - communeNames: names of communes by code, to show codes and to read a commune name
    ///     of a list that matched several communes as the inventory's commune of that name.
    ///   - unescoList, erbmList: the ids under which those lists were loaded.
    public init(inventory: CiteInventory, lists: [CiteReferenceList], communeNames: [String: String],
                unescoList: String = "unesco", erbmList: String = "erbm") {
        var rows: [Row] = []
        var summaries: [ListSummary] = []
        var notes: [String] = []
        for (id, check) in [(unescoList, "UNESCO status"), (erbmList, "ERBM operations")] where !lists.contains(where: { $0.id == id }) {
            notes.append("list \(id) is not loaded (observatoire cites references FILE --list \(id) --geography YEAR): \(check) not checked")
        }
        func named(_ code: String) -> String { communeNames[code].map { "\(code) \($0)" } ?? code }
        for list in lists {
            /// Rows (of `listRows`) matched to each cité of the list, by its position.
            var matchedBy: [Int: [Int]] = [:]
            var listRows: [Row] = []
            for cite in inventory.cites {
                let communes = Set(cite.communes)
                var match = Match.none
                var found: CiteReferenceList.Cite?
                var issues: [Issue] = []
                if let ref = cite.references[list.id] {
                    found = list.cites.first { $0.refID == ref }
                    if found == nil {
                        issues.append(Issue(kind: .identifier, message: "identifier \(list.id):\(ref) is not in list \(list.id)"))
                    } else {
                        match = .identifier
                    }
                } else {
                    let keys = Self.nameKeys(cite.nom, nil)
                    let sameName = list.cites.filter { !Self.nameKeys($0.nom, $0.otherName).isDisjoint(with: keys) }
                    let here = sameName.filter { !communes.isDisjoint(with: Self.codes(of: $0, near: communes, communeNames)) }
                    switch here.count {
                    case 1:
                        (match, found) = (.name, here[0])
                    case 0 where !sameName.isEmpty:
                        let elsewhere = sameName.map { "\($0.nom) (\(($0.communes.map(named) + $0.unresolved.map(\.name)).joined(separator: ", ")))" }
                        issues.append(Issue(kind: .namesake, message: "list \(list.id) has this name in other communes: \(elsewhere.joined(separator: "; "))"))
                    case 0:
                        break
                    default:
                        issues.append(Issue(kind: .ambiguous, message: "\(here.count) cités of list \(list.id) have this name in its communes: "
                            + here.map { $0.refID ?? $0.nom }.joined(separator: ", ") + "; give the identifier in references"))
                    }
                }
                if let found {
                    matchedBy[found.position, default: []].append(listRows.count)
                    issues += Self.differences(cite, found, communeNames: communeNames, named: named)
                }
                if list.id == unescoList {
                    if found == nil, cite.isUNESCO {
                        issues.append(Issue(kind: .unesco, message: "the inventory says unesco \(cite.unesco), but list \(list.id) does not have it"))
                    } else if let found, !cite.isUNESCO {
                        issues.append(Issue(kind: .unesco, message: "the inventory says unesco non, but list \(list.id) has it (\(found.refID ?? found.nom))"))
                    }
                }
                if list.id == erbmList, found == nil {
                    let operations = inventory.operations.filter { $0.cite == cite.id && $0.programme == "ERBM" }
                    if !operations.isEmpty {
                        let dwellings = operations.map(\.logements).reduce(0, +)
                        issues.append(Issue(kind: .erbm, message: "\(operations.count) ERBM operation\(operations.count == 1 ? "" : "s") "
                            + "(\(dwellings) dwellings), but list \(list.id) does not have it"))
                    }
                }
                listRows.append(Row(citeID: cite.id, nom: cite.nom, listID: list.id, refID: found?.refID, refName: found?.nom, match: match, issues: issues))
            }
            // A cité of the list matched by several of the inventory: a duplicate somewhere.
            for indices in matchedBy.values where indices.count > 1 {
                let ids = indices.compactMap { listRows[$0].citeID }.joined(separator: ", ")
                for index in indices {
                    listRows[index].issues.append(Issue(kind: .ambiguous, message: "\(indices.count) cités of the inventory match this cité of list \(list.id): \(ids)"))
                }
            }
            let missing = list.cites.filter { matchedBy[$0.position] == nil }
            for cite in missing {
                let unresolved = cite.unresolved.map { Issue(kind: .unresolved, message: "commune '\($0.name)': \($0.reason)") }
                listRows.append(Row(citeID: nil, nom: nil, listID: list.id, refID: cite.refID, refName: cite.nom, match: .notInInventory, issues: unresolved))
            }
            rows += listRows
            summaries.append(ListSummary(listID: list.id, cites: list.cites.count,
                                         byIdentifier: listRows.filter { $0.match == .identifier }.count,
                                         byName: listRows.filter { $0.match == .name }.count, notInInventory: missing.count))
        }
        self.rows = rows
        self.summaries = summaries
        self.notes = notes
    }

    /// Communes and owners of a matched pair that disagree.
    private static func differences(_ cite: CiteInventory.Cite, _ found: CiteReferenceList.Cite, communeNames: [String: String],
                                    named: (String) -> String) -> [Issue] {
        var issues: [Issue] = []
        let communes = Set(cite.communes)
        let listed = codes(of: found, near: communes, communeNames)
        let onlyHere = communes.subtracting(listed).sorted().map(named)
        let onlyThere = listed.subtracting(communes).sorted().map(named)
        if !onlyHere.isEmpty || !onlyThere.isEmpty {
            let parts = (onlyHere.isEmpty ? [] : ["only in the inventory: " + onlyHere.joined(separator: ", ")])
                + (onlyThere.isEmpty ? [] : ["only in the list: " + onlyThere.joined(separator: ", ")])
            issues.append(Issue(kind: .communes, message: "communes differ (" + parts.joined(separator: "; ") + ")"))
        }
        let inventoryNames = Set(communes.compactMap { communeNames[$0].map(NameFolding.fold) })
        for unresolved in found.unresolved where !inventoryNames.contains(NameFolding.fold(unresolved.name)) {
            issues.append(Issue(kind: .unresolved, message: "commune '\(unresolved.name)' of the list: \(unresolved.reason)"))
        }
        if let owner = found.owner, !cite.bailleurs.isEmpty {
            let listed = owner.split(separator: "/").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let mine = cite.bailleurs.map(\.name)
            let onlyThere = listed.filter { name in !mine.contains { sameOwner(name, $0) } }
            let onlyHere = mine.filter { name in !listed.contains { sameOwner(name, $0) } }
            if !onlyThere.isEmpty || !onlyHere.isEmpty {
                let parts = (onlyHere.isEmpty ? [] : ["only in the inventory: " + onlyHere.joined(separator: ", ")])
                    + (onlyThere.isEmpty ? [] : ["only in the list: " + onlyThere.joined(separator: ", ")])
                issues.append(Issue(kind: .owners, message: "owners differ (" + parts.joined(separator: "; ") + ")"))
            }
        }
        return issues
    }

    /// The codes of a list cité's communes, with a name that matched several communes read
    /// as the inventory's commune of that name (Grenay is in Isère too, the cité in Pas-de-Calais).
    private static func codes(of cite: CiteReferenceList.Cite, near communes: Set<String>, _ communeNames: [String: String]) -> Set<String> {
        var codes = Set(cite.communes)
        for unresolved in cite.unresolved {
            let name = NameFolding.fold(unresolved.name)
            codes.formUnion(communes.filter { communeNames[$0].map(NameFolding.fold) == name })
        }
        return codes
    }

    private static let ignoredWords: Set<String> = ["cite", "cites", "de", "du", "des", "la", "le", "les", "d", "l", "et"]
    private static let abbreviations = ["st": "saint", "ste": "sainte", "res": "residence", "no": "n"]

    /// A name as compared: folded, articles and the word "cité" left out, abbreviations read
    /// in full (`Cité St-Pierre` and `Cité de Saint Pierre` are both `saint pierre`).
    public static func nameKey(_ name: String) -> String {
        NameFolding.fold(name).split(separator: " ").map { abbreviations[String($0)] ?? String($0) }
            .filter { !ignoredWords.contains($0) }.joined(separator: " ")
    }

    /// The keys a cité answers to: its name, its other name, and each without or within its
    /// brackets (`Cité Chabaud Latour Ancienne (Ernestine)`).
    static func nameKeys(_ name: String, _ otherName: String?) -> Set<String> {
        var keys: Set<String> = []
        for text in [name, otherName].compactMap({ $0 }) {
            keys.insert(nameKey(text))
            if let open = text.firstIndex(of: "("), let close = text[open...].firstIndex(of: ")") {
                keys.insert(nameKey(String(text[..<open]) + String(text[text.index(after: close)...])))
                keys.insert(nameKey(String(text[text.index(after: open)..<close])))
            }
        }
        keys.remove("")
        return keys
    }

    /// Owners written differently (`Maisons & Cités`, `Maisons et Cités`; `SIA`, `SIA Habitat`):
    /// the same when the folded words of one begin the other's.
    static func sameOwner(_ a: String, _ b: String) -> Bool {
        let x = NameFolding.fold(a).split(separator: " ").filter { $0 != "et" }
        let y = NameFolding.fold(b).split(separator: " ").filter { $0 != "et" }
        guard !x.isEmpty, !y.isEmpty else { return false }
        return x.count <= y.count ? Array(y.prefix(x.count)) == x : Array(x.prefix(y.count)) == y
    }
}
