/// Progress of one programme against its target: dwellings committed and delivered per
/// year and cumulated, as a share of the target, in total, by EPCI and by owner; over the
/// whole period also the cost per dwelling, the energy-label gain and the share of UNESCO
/// cités treated (with at least one delivered operation of the programme).
public struct RenovationProgress: Sendable {
    public enum Breakdown: String, Sendable, CaseIterable {
        case total, epci, bailleur
    }

    public struct Row: Sendable, Equatable {
        public var breakdown: Breakdown
        public var group: String
        /// nil: the whole period.
        public var year: Int?
        public var committed = 0.0
        public var delivered = 0.0
        public var cumulativeCommitted = 0.0
        public var cumulativeDelivered = 0.0
        /// Cumulative dwellings as a percentage of the programme's target.
        public var shareCommitted: Double?
        public var shareDelivered: Double?
        public var costPerDwelling: Double?
        /// Energy classes gained per delivered dwelling (G → C is 4).
        public var classesGained: Double?
        /// Share (%) of the delivered dwellings labelled E, F or G before that are A–D after.
        public var shareLeavingEFG: Double?
        public var unescoCites: Int?
        public var unescoTreated: Int?
        public var unescoShare: Double?
    }

    public let programme: ProgrammeTargets.Programme
    public let rows: [Row]

    /// - Note: an operation counts for an owner in proportion to the owner's dwellings in
    ///   the cité (the operations file does not say whose dwellings were renovated).
    public init(programme: ProgrammeTargets.Programme, inventory: CiteInventory) {
        self.programme = programme
        let cites = Dictionary(uniqueKeysWithValues: inventory.cites.map { ($0.id, $0) })
        let operations = inventory.operations.filter { $0.programme == programme.id }
        let years = operations.flatMap { [$0.committedIn, $0.deliveredIn].compactMap { $0 } }
        let span = min(programme.start, years.min() ?? programme.start)...max(programme.end, years.max() ?? programme.end)
        var groups: [(Breakdown, String, (CiteInventory.Cite) -> Double)] = [(.total, "total", { _ in 1 })]
        for epci in Set(inventory.cites.map { $0.epci ?? "" }).sorted() {
            groups.append((.epci, epci.isEmpty ? "sans EPCI" : epci, { ($0.epci ?? "") == epci ? 1 : 0 }))
        }
        for owner in Set(inventory.cites.flatMap { $0.bailleurs.map(\.name) }).sorted() {
            groups.append((.bailleur, owner, { cite in
                let total = cite.bailleurs.reduce(0) { $0 + $1.logements }
                let owned = cite.bailleurs.first { $0.name == owner }?.logements ?? 0
                return total == 0 ? 0 : Double(owned) / Double(total)
            }))
        }
        var rows: [Row] = []
        for (breakdown, group, weight) in groups {
            let weighted = operations.compactMap { operation in
                cites[operation.cite].map { (operation, weight($0) * Double(operation.logements)) }
            }.filter { $0.1 > 0 }
            var cumulative = (committed: 0.0, delivered: 0.0)
            for year in span {
                var row = Row(breakdown: breakdown, group: group, year: year)
                row.committed = weighted.filter { $0.0.committedIn == year }.reduce(0) { $0 + $1.1 }
                row.delivered = weighted.filter { $0.0.deliveredIn == year }.reduce(0) { $0 + $1.1 }
                cumulative.committed += row.committed
                cumulative.delivered += row.delivered
                row.cumulativeCommitted = cumulative.committed
                row.cumulativeDelivered = cumulative.delivered
                row.shareCommitted = cumulative.committed / Double(programme.target) * 100
                row.shareDelivered = cumulative.delivered / Double(programme.target) * 100
                rows.append(row)
            }
            var whole = Row(breakdown: breakdown, group: group, year: nil)
            whole.committed = weighted.filter { $0.0.committedIn != nil }.reduce(0) { $0 + $1.1 }
            whole.delivered = weighted.filter { $0.0.deliveredIn != nil }.reduce(0) { $0 + $1.1 }
            whole.cumulativeCommitted = whole.committed
            whole.cumulativeDelivered = whole.delivered
            whole.shareCommitted = whole.committed / Double(programme.target) * 100
            whole.shareDelivered = whole.delivered / Double(programme.target) * 100
            Self.addOutcomes(to: &whole, weighted)
            let members = inventory.cites.filter { weight($0) > 0 && $0.isUNESCO }
            let treated = Set(weighted.filter { $0.0.deliveredIn != nil }.map(\.0.cite))
            whole.unescoCites = members.count
            whole.unescoTreated = members.filter { treated.contains($0.id) }.count
            whole.unescoShare = members.isEmpty ? nil : Double(whole.unescoTreated ?? 0) / Double(members.count) * 100
            rows.append(whole)
        }
        self.rows = rows
    }

    /// Cost per dwelling of the operations with a cost; label gains of the delivered ones
    /// with both labels. nil when no operation tells.
    private static func addOutcomes(to row: inout Row, _ weighted: [(CiteInventory.Operation, Double)]) {
        let costed = weighted.filter { $0.0.cost != nil }
        let dwellings = costed.reduce(0) { $0 + $1.1 }
        if dwellings > 0 {
            // The cost shares with the dwellings: an owner's part of a cité's operation.
            row.costPerDwelling = costed.reduce(0) { $0 + $1.0.cost! * $1.1 / Double($1.0.logements) } / dwellings
        }
        let labelled = weighted.compactMap { operation, count -> (Int, Int, Double)? in
            guard operation.deliveredIn != nil, let before = operation.labelBefore.flatMap(classIndex),
                  let after = operation.labelAfter.flatMap(classIndex) else { return nil }
            return (before, after, count)
        }
        let labelledCount = labelled.reduce(0) { $0 + $1.2 }
        if labelledCount > 0 {
            row.classesGained = labelled.reduce(0) { $0 + Double($1.0 - $1.1) * $1.2 } / labelledCount
        }
        let efg = labelled.filter { $0.0 >= 4 }
        let efgCount = efg.reduce(0) { $0 + $1.2 }
        if efgCount > 0 {
            row.shareLeavingEFG = efg.filter { $0.1 < 4 }.reduce(0) { $0 + $1.2 } / efgCount * 100
        }
    }

    /// A = 0 … G = 6.
    private static func classIndex(_ label: String) -> Int? {
        ["A", "B", "C", "D", "E", "F", "G"].firstIndex(of: label)
    }
}
