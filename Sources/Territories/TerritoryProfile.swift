import Warehouse

/// What `territories show` prints: a territory, where it belongs, what it holds, and
/// its population in every populations légales release on the loaded geography.
public struct TerritoryProfile: Sendable {
    public let territory: Territory
    public let parents: [Territory]
    /// Direct members (communes of an EPCI or zone, arrondissements of a commune); for
    /// départements, régions and France only `memberCount` is filled.
    public let members: [Territory]
    public let memberCount: Int
    public let populations: [PopulationFigure]
}

/// The population of a territory from one file: a sum over its communes when it is not
/// a commune, with how many contributed. `status` is `ok` (every commune has a value),
/// `incomplete` (the sum covers `communesWithValue` of `communes`) or `secret` (no value).
public struct PopulationFigure: Sendable, Equatable {
    /// "population municipale, populations légales RP2021 (COG 2023 → 2024)".
    public let label: String
    public let value: Double?
    public let status: String
    public let communesWithValue: Int
    public let communes: Int
}

/// An EPCI as published for one 1 January, compared with its perimeter on the geography.
public struct EPCIHistory: Sendable {
    public let vintage: String
    public let source: String
    public let name: String?
    public let members: [(code: String, name: String?)]
    /// Communes of the geography's perimeter that were not members then, and the reverse.
    public let joinedSince: [String]
    public let leftSince: [String]
}
