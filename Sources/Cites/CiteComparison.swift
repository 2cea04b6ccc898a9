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
        self.init(inventory: inventory, lists: lists, communeNames: communeNames,
                  rules: [.inventoryFlag(list: unescoList), .programmeOperations(list: erbmList, programme: "ERBM")])
    }

    /// - Parameter rules: what being in each list means for the inventory.
    public init(inventory: CiteInventory, lists: [CiteReferenceList], communeNames: [String: String], rules: [ListRule]) {
        notes = rules.filter { rule in !lists.contains { $0.id == rule.listID } }.map {
            "list \($0.listID) is not loaded (observatoire cites references FILE --list \($0.listID) --geography YEAR): \($0.checks) not checked"
        }
        var rows: [Row] = []
        var summaries: [ListSummary] = []
        for list in lists {
            let compared = Self.compare(inventory, with: list, rules: rules.filter { $0.listID == list.id }, communeNames: communeNames)
            rows += compared.rows
            summaries.append(compared.summary)
        }
        self.rows = rows
        self.summaries = summaries
    }

    /// Every cité of the inventory against one list, then the list's cités it lacks.
    private static func compare(_ inventory: CiteInventory, with list: CiteReferenceList, rules: [ListRule],
                                communeNames: [String: String]) -> (rows: [Row], summary: ListSummary) {
        func named(_ code: String) -> String { communeNames[code].map { "\(code) \($0)" } ?? code }
        /// Rows (of `rows`) matched to each cité of the list, by its position.
        var matchedBy: [Int: [Int]] = [:]
        var rows: [Row] = []
        for cite in inventory.cites {
            var (match, found, issues) = find(cite, in: list, communeNames: communeNames, named: named)
            if let found {
                matchedBy[found.position, default: []].append(rows.count)
                issues += differences(cite, found, communeNames: communeNames, named: named)
            }
            issues += rules.flatMap { $0.issues(of: cite, found: found, list: list, inventory: inventory) }
            rows.append(Row(citeID: cite.id, nom: cite.nom, listID: list.id, refID: found?.refID, refName: found?.nom, match: match, issues: issues))
        }
        // A cité of the list matched by several of the inventory: a duplicate somewhere.
        for indices in matchedBy.values where indices.count > 1 {
            let ids = indices.compactMap { rows[$0].citeID }.joined(separator: ", ")
            for index in indices {
                rows[index].issues.append(Issue(kind: .ambiguous, message: "\(indices.count) cités of the inventory match this cité of list \(list.id): \(ids)"))
            }
        }
        let missing = list.cites.filter { matchedBy[$0.position] == nil }
        for cite in missing {
            let unresolved = cite.unresolved.map { Issue(kind: .unresolved, message: "commune '\($0.name)': \($0.reason)") }
            rows.append(Row(citeID: nil, nom: nil, listID: list.id, refID: cite.refID, refName: cite.nom, match: .notInInventory, issues: unresolved))
        }
        let summary = ListSummary(listID: list.id, cites: list.cites.count, byIdentifier: rows.filter { $0.match == .identifier }.count,
                                  byName: rows.filter { $0.match == .name }.count, notInInventory: missing.count)
        return (rows, summary)
    }

    /// The cité of the list a cité of the inventory is: by the identifier it gives, else by
    /// name and commune; with what stood in the way.
    private static func find(_ cite: CiteInventory.Cite, in list: CiteReferenceList, communeNames: [String: String],
                             named: (String) -> String) -> (Match, CiteReferenceList.Cite?, [Issue]) {
        if let ref = cite.references[list.id] {
            guard let found = list.cites.first(where: { $0.refID == ref }) else {
                return (.none, nil, [Issue(kind: .identifier, message: "identifier \(list.id):\(ref) is not in list \(list.id)")])
            }
            return (.identifier, found, [])
        }
        let communes = Set(cite.communes)
        let keys = nameKeys(cite.nom, nil)
        let sameName = list.cites.filter { !nameKeys($0.nom, $0.otherName).isDisjoint(with: keys) }
        let here = sameName.filter { !communes.isDisjoint(with: codes(of: $0, near: communes, communeNames)) }
        switch here.count {
        case 1:
            return (.name, here[0], [])
        case 0 where !sameName.isEmpty:
            let elsewhere = sameName.map { "\($0.nom) (\(($0.communes.map(named) + $0.unresolved.map(\.name)).joined(separator: ", ")))" }
            return (.none, nil, [Issue(kind: .namesake, message: "list \(list.id) has this name in other communes: \(elsewhere.joined(separator: "; "))")])
        case 0:
            return (.none, nil, [])
        default:
            return (.none, nil, [Issue(kind: .ambiguous, message: "\(here.count) cités of list \(list.id) have this name in its communes: "
                + here.map { $0.refID ?? $0.nom }.joined(separator: ", ") + "; give the identifier in references")])
        }
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
