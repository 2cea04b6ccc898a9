import Cartography

/// A cité minière drawn over a map: its outline (Lambert-93) and a dot on it, so that a
/// cité of a few hectares still shows at the scale of an EPCI, coloured by how far its
/// renovation has gone; its name, progress and rank in a `<title>`.
public struct CiteMark: Sendable {
    /// Where its renovation stands, from the statuses of its operations.
    public enum Progress: String, Sendable, CaseIterable {
        case done, underWay, notStarted, notInInventory

        /// Every operation delivered: done; none engaged (or none at all): not started.
        public init(operations: [String], inInventory: Bool) {
            if !inInventory {
                self = .notInInventory
            } else if !operations.isEmpty && operations.allSatisfy({ $0 == "livree" }) {
                self = .done
            } else if operations.contains(where: { $0 != "programmee" }) {
                self = .underWay
            } else {
                self = .notStarted
            }
        }

        var colour: String {
            switch self {
            case .done: "#1b7837"
            case .underWay: "#f1a340"
            case .notStarted: "#762a83"
            case .notInInventory: "#ffffff"
            }
        }

        var legend: String {
            switch self {
            case .done: "cité rénovée (opérations livrées)"
            case .underWay: "cité en cours de rénovation (engagée ou en travaux)"
            case .notStarted: "cité de l'inventaire sans rénovation engagée"
            case .notInInventory: "cité de la liste de référence, hors inventaire"
            }
        }
    }

    public var name: String
    public var geometry: MultiPolygon
    /// A point inside the cité, where its dot goes.
    public var anchor: Coordinate
    public var progress: Progress
    /// Written beside the dot (its priority rank), if any.
    public var label: String?

    public init(name: String, geometry: MultiPolygon, anchor: Coordinate, progress: Progress, label: String? = nil) {
        self.name = name
        self.geometry = geometry
        self.anchor = anchor
        self.progress = progress
        self.label = label
    }
}
