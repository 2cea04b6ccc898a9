import GRDB

/// A territory of one geography under its canonical identifier.
public struct Territory: Sendable, Equatable, Hashable {
    public let geography: Int
    /// `COM:62498`, `ARM:75101`, `EPCI:246200364`, `DEP:62`, `REG:32`, `FR`, `ZONE:bassin-minier`.
    public let id: String
    public let level: String
    public let code: String
    public let name: String
    /// The EPCI's legal nature (CA, CC, CU, ME), a zone's source.
    public let detail: String?
    /// The name without accents, case or punctuation, as searches compare it.
    public let searchName: String
    /// How many communes it has in full, when a reference says so and the geography holds
    /// fewer of them (a territory only partly loaded).
    public let communesExpected: Int?

    /// Levels in the order people read them.
    public static let levelOrder = ["FR": 0, "REG": 1, "DEP": 2, "ZONE": 3, "EPCI": 4, "COM": 5, "ARM": 6]

    /// A row of `territories` (read by `TerritoryStore`).
    init(row: Row) {
        geography = row["geography"]
        id = row["territory"]
        level = row["level"]
        code = row["code"]
        name = row["name"]
        detail = row["detail"]
        searchName = row["search_name"]
        communesExpected = row["communes_expected"]
    }

    /// `Lens (COM:62498)`.
    public var label: String { "\(name) (\(id))" }
}
