/// How the figures of a commune that splits are shared among the communes it splits into.
public protocol SplitWeighting: Sendable {
    /// Shares (summing to 1) for `targets`, the communes `code` splits into in `vintage`.
    func shares(splitting code: String, into targets: [String], vintage: Int, history: CommuneHistory) -> SplitShares
}

/// The shares of one split and where they come from, stored beside the passage rows.
public struct SplitShares: Sendable, Equatable {
    public var weights: [Double]
    /// In words: "population municipale, populations légales RP2021 (COG 2023)".
    public var basis: String

    public init(weights: [Double], basis: String) {
        self.weights = weights
        self.basis = basis
    }
}

/// Population of each commune in one populations légales release.
public struct PopulationTable: Sendable {
    /// The COG vintage of the release's commune codes.
    public var geography: Int
    /// What the figures are, for the passage's `basis`.
    public var label: String
    public var population: [String: Double]
    /// Population of each commune déléguée or associée, by its own code.
    public var delegated: [String: Double]

    public init(geography: Int, label: String, population: [String: Double], delegated: [String: Double] = [:]) {
        self.geography = geography
        self.label = label
        self.population = population
        self.delegated = delegated
    }
}

/// Split weights proportional to population: the most recent release (on or after the
/// split) in which every target commune exists unchanged since the split. Failing that,
/// a commune nouvelle undone into its communes déléguées (as Neussargues en Pinatelle in
/// 2025) is shared by their populations in the last release before the split: they are
/// the same territories. Without either, equal shares, and the basis says so.
public struct PopulationWeights: SplitWeighting {
    public let tables: [PopulationTable]

    public init(tables: [PopulationTable]) {
        self.tables = tables.sorted { $0.geography > $1.geography }
    }

    public func shares(splitting code: String, into targets: [String], vintage: Int, history: CommuneHistory) -> SplitShares {
        for table in tables where table.geography >= vintage {
            let values = targets.compactMap { table.population[$0] }
            guard values.count == targets.count,
                  targets.allSatisfy({ history.isUnchanged($0, after: vintage, through: table.geography) }) else { continue }
            let total = values.reduce(0, +)
            guard total > 0 else { continue }
            return SplitShares(weights: values.map { $0 / total }, basis: table.label)
        }
        for table in tables where table.geography < vintage {
            let values = targets.compactMap { table.delegated[$0] }
            let total = values.reduce(0, +)
            guard values.count == targets.count, total > 0 else { continue }
            return SplitShares(weights: values.map { $0 / total }, basis: "communes déléguées of \(code): \(table.label)")
        }
        let equal = 1 / Double(targets.count)
        return SplitShares(weights: targets.map { _ in equal },
                           basis: "equal shares: no populations légales loaded for \(targets.joined(separator: ", ")) after the split of \(code) (COG \(vintage))")
    }
}
