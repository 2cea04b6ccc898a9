/// Commune names of one geography, folded (accents, case, punctuation ignored), to find
/// the code of a commune that a published list names instead of coding it.
public struct CommuneNameIndex: Sendable {
    public struct Commune: Sendable, Equatable {
        public let code: String
        public let name: String
        public let departement: String

        public init(code: String, name: String, departement: String) {
            self.code = code
            self.name = name
            self.departement = departement
        }
    }

    public enum Match: Sendable, Equatable {
        case code(String)
        /// Why the name gives no single code.
        case unmatched(String)
    }

    private let byName: [String: [Commune]]
    private let geography: Int

    public init(communes: [Commune], geography: Int) {
        byName = Dictionary(grouping: communes) { NameFolding.fold($0.name) }
        self.geography = geography
    }

    /// The code of the commune named `name` among the départements given (all when empty):
    /// none, or several namesakes, is an unmatched name with its reason — never a guess.
    public func match(_ name: String, departements: Set<String> = []) -> Match {
        let all = byName[NameFolding.fold(name)] ?? []
        let found = departements.isEmpty ? all : all.filter { departements.contains($0.departement) }
        switch found.count {
        case 1:
            return .code(found[0].code)
        case 0 where !all.isEmpty:
            return .unmatched("no commune named '\(name)' in départements \(departements.sorted().joined(separator: ", ")) "
                + "(COG \(geography) has it in \(all.map(\.departement).sorted().joined(separator: ", ")))")
        case 0:
            return .unmatched("no commune named '\(name)' in COG \(geography)")
        default:
            let list = found.map { "\($0.code) (\($0.departement))" }.sorted().joined(separator: ", ")
            return .unmatched("'\(name)' names \(found.count) communes of COG \(geography): \(list); restrict the départements")
        }
    }
}
