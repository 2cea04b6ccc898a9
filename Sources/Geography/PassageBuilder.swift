/// Derives the passage table between two vintages by replaying the mouvements in date
/// order: each source commune carries weights over the communes it has become.
///
/// Chains (a merger, then a code change, then a rétablissement) compose; a code reused
/// after a change is a different commune because events are replayed in order.
public struct PassageBuilder: Sendable {
    public let history: CommuneHistory
    public let weighting: any SplitWeighting

    public init(history: CommuneHistory, weighting: any SplitWeighting) {
        self.history = history
        self.weighting = weighting
    }

    private struct Trail {
        var shares: [String: Double]
        var events: [String] = []
        var bases: [String] = []
    }

    public func passage(from source: Int, to target: Int) throws -> PassageTable {
        guard source <= target else {
            throw GeographyError(.backwardConversion,
                                 "cannot convert from COG \(source) back to COG \(target): pick a target geography at least as recent as the newest input")
        }
        let communes = try history.communes(in: source)
        var trails = Dictionary(uniqueKeysWithValues: communes.map { ($0, Trail(shares: [$0: 1])) })
        // Which origins currently hold a share of each code, to touch only them.
        var holders = Dictionary(uniqueKeysWithValues: communes.map { ($0, Set([$0])) })

        for event in history.events(after: source, through: target) {
            let successors = Dictionary(grouping: event.changes.filter(\.isCommuneToCommune), by: \.codeBefore)
            // All moves of one date happen at once: take every share first, then hand
            // them on, so that A→B and B→C on the same day do not chain.
            var moves: [(origin: String, carried: Double, targets: [String], split: SplitShares, label: String)] = []
            for (code, rows) in successors.sorted(by: { $0.key < $1.key }) {
                let targets = Array(Set(rows.map(\.codeAfter))).sorted()
                if targets == [code] { continue }  // renaming only
                let split = targets.count > 1
                    ? weighting.shares(splitting: code, into: targets, vintage: event.vintage, history: history)
                    : SplitShares(weights: [1], basis: "")
                let label = "\(event.date) \(rows[0].eventLabel) \(code)→\(targets.joined(separator: "+"))"
                for origin in holders.removeValue(forKey: code) ?? [] {
                    guard let carried = trails[origin]?.shares.removeValue(forKey: code) else { continue }
                    moves.append((origin, carried, targets, split, label))
                }
            }
            for move in moves {
                for (next, weight) in zip(move.targets, move.split.weights) {
                    trails[move.origin]!.shares[next, default: 0] += move.carried * weight
                    holders[next, default: []].insert(move.origin)
                }
                trails[move.origin]!.events.append(move.label)
                if move.targets.count > 1 { trails[move.origin]!.bases.append(move.split.basis) }
            }
        }

        let finalCommunes = try history.communes(in: target)
        var originsPerTarget: [String: Int] = [:]
        for trail in trails.values {
            for code in trail.shares.keys { originsPerTarget[code, default: 0] += 1 }
        }
        var rows: [Passage] = []
        var vanished: [String] = []
        for (origin, trail) in trails.sorted(by: { $0.key < $1.key }) {
            let kept = trail.shares.filter { finalCommunes.contains($0.key) && $0.value > 0 }
            if kept.isEmpty { vanished.append(origin) }
            for (code, weight) in kept.sorted(by: { $0.key < $1.key }) {
                let split = kept.count > 1 || weight < 1 - 1e-12
                let merged = (originsPerTarget[code] ?? 0) > 1
                let kind: Passage.Kind = switch (split, merged) {
                case (true, true): .splitAndMerger
                case (true, false): .split
                case (false, true): .merger
                case (false, false): code == origin ? .identity : .codeChange
                }
                rows.append(Passage(fromCode: origin, toCode: code, weight: weight, kind: kind,
                                    basis: trail.bases.isEmpty ? nil : Array(Set(trail.bases)).sorted().joined(separator: "; "),
                                    events: trail.events))
            }
        }
        return PassageTable(fromVintage: source, toVintage: target, rows: rows, vanished: vanished)
    }
}
