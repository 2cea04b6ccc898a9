import GRDB
import Warehouse

/// The cités of the current inventory files with their communes and owners, and the
/// operations on them, read once for the reports. Missing values stay nil, never 0.
public struct CiteInventory: Sendable {
    public struct Cite: Sendable, Equatable {
        public let id: String
        public let nom: String
        public let epci: String?
        /// oui, en-partie, non.
        public let unesco: String
        public let logements: Int?
        public let values: [String: Double]
        public let communes: [String]
        public let bailleurs: [Owner]
        /// Its identifiers in the published lists, by list (`unesco` → `15D`), when the inventory gives them.
        public var references: [String: String] = [:]

        /// In the UNESCO property, wholly or in part.
        public var isUNESCO: Bool { unesco != "non" }
    }

    public struct Owner: Sendable, Equatable {
        public let name: String
        public let logements: Int
    }

    public struct Operation: Sendable, Equatable {
        public let id: String
        public let cite: String
        public let programme: String
        public let logements: Int
        /// Years of the commitment and of the delivery (the latter only once delivered).
        public let committedIn: Int?
        public let deliveredIn: Int?
        public let cost: Double?
        public let labelBefore: String?
        public let labelAfter: String?
    }

    /// Numeric columns of `cites` the priority criteria may use.
    public static let criterionColumns = ["logements", "part_ayants_droit", "revenu_median_uc", "etat_bati", "qualite_architecturale"]

    public var cites: [Cite]
    /// Operations not abandoned.
    public var operations: [Operation]

    public init(cites: [Cite], operations: [Operation]) {
        self.cites = cites
        self.operations = operations
    }

    /// The current inventory files' cités and operations.
    public static func read(_ db: Database) throws -> CiteInventory {
        let cites = try CiteStore.inventoryCites(criteria: criterionColumns, db).map { cite in
            Cite(id: cite.id, nom: cite.name, epci: cite.epci, unesco: cite.unesco, logements: cite.dwellings, values: cite.criteria,
                 communes: cite.communes, bailleurs: cite.owners.map { Owner(name: $0.name, logements: $0.dwellings) },
                 references: cite.references)
        }
        let operations = try CiteStore.renovationOperations(db).map { operation in
            Operation(id: operation.id, cite: operation.cite, programme: operation.programme, logements: operation.dwellings,
                      committedIn: year(operation.committedOn), deliveredIn: operation.status == "livree" ? year(operation.deliveredOn) : nil,
                      cost: operation.cost, labelBefore: operation.labelBefore, labelAfter: operation.labelAfter)
        }
        return CiteInventory(cites: cites, operations: operations)
    }

    private static func year(_ date: String?) -> Int? { date.flatMap { Int($0.prefix(4)) } }

    /// Only the cités with a commune among `communes` (codes), and their operations.
    public func restricted(to communes: Set<String>) -> CiteInventory {
        let kept = cites.filter { $0.communes.contains(where: communes.contains) }
        let ids = Set(kept.map(\.id))
        return CiteInventory(cites: kept, operations: operations.filter { ids.contains($0.cite) })
    }
}
