import Core

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

    /// Where the share of `origin` on `code` goes when `code` moves to `targets`.
    ///
    /// One target takes it all. On a split, a commune that comes back (its code among the
    /// targets, when the source vintage predates the merger it was part of) takes back
    /// its own share whole; other shares are divided by population among the targets that
    /// are not such returning communes.
    private func distribution(of origin: String, on code: String, into targets: [String], alongside origins: Set<String>,
                              vintage: Int) -> (targets: [String], split: SplitShares) {
        guard targets.count > 1 else { return (targets, SplitShares(weights: [1], basis: "")) }
        let returning = origins.count > 1 ? origins.intersection(targets) : []
        if returning.contains(origin) {
            return ([origin], SplitShares(weights: [1], basis: "the commune re-established keeps its own figures"))
        }
        let rest = targets.filter { !returning.contains($0) }
        let among = rest.isEmpty ? targets : rest
        guard among.count > 1 else { return (among, SplitShares(weights: [1], basis: "the rest of the commune re-established")) }
        return (among, weighting.shares(splitting: code, into: among, vintage: vintage, history: history))
    }

    private struct Trail {
        var shares: [String: Double]
        var events: [String] = []
        var bases: [String] = []
    }

    /// The shares of every origin commune as the events move them, and which origins
    /// currently hold a share of each code, to touch only them.
    private struct Replay {
        var trails: [String: Trail]
        var holders: [String: Set<String>]

        init(communes: Set<String>) {
            trails = Dictionary(uniqueKeysWithValues: communes.map { ($0, Trail(shares: [$0: 1])) })
            holders = Dictionary(uniqueKeysWithValues: communes.map { ($0, Set([$0])) })
        }

        /// Takes every share held on `codes`, to hand it on.
        mutating func take(_ codes: [String]) -> [(origin: String, code: String, carried: Double)] {
            var taken: [(origin: String, code: String, carried: Double)] = []
            for code in codes {
                for origin in (holders.removeValue(forKey: code) ?? []).sorted() {
                    if let carried = trails[origin]?.shares.removeValue(forKey: code) { taken.append((origin, code, carried)) }
                }
            }
            return taken
        }
    }

    public func passage(from source: Int, to target: Int) throws -> PassageTable {
        guard source <= target else {
            throw ObservatoireError(.backwardConversion,
                                 "cannot convert from COG \(source) back to COG \(target): pick a target geography at least as recent as the newest input")
        }
        let lists = history.communesByVintage(source...target)
        guard let communes = lists[source] else { return PassageTable(fromVintage: source, toVintage: target, rows: [], vanished: []) }
        var replay = Replay(communes: communes)
        for event in history.events(after: source, through: target) {
            apply(event, communesAfter: lists[event.vintage] ?? [], to: &replay)
        }
        let (rows, vanished) = Self.passages(of: replay.trails, into: try history.communes(in: target))
        return PassageTable(fromVintage: source, toVintage: target, rows: rows, vanished: vanished)
    }

    /// The moves of one date. They happen at once: every share is taken before any is handed
    /// on, so that a swap of codes (A→B, B→A) does not chain; a share left on a code that
    /// this date both creates and absorbs (14513 → 50649 → 50592 on 2018-01-01) is handed on again.
    private func apply(_ event: CommuneHistory.EventDate, communesAfter after: Set<String>, to replay: inout Replay) {
        let successors = Dictionary(grouping: event.changes.filter(\.isCommuneToCommune), by: \.codeBefore)
            .filter { code, rows in rows.contains { $0.codeAfter != code } }  // renamings move nothing
        var taken = replay.take(successors.keys.sorted())
        while !taken.isEmpty {
            let originsByCode = Dictionary(grouping: taken, by: \.code).mapValues { Set($0.map(\.origin)) }
            for move in taken {
                let rows = successors[move.code]!
                let targets = Array(Set(rows.map(\.codeAfter))).sorted()
                let shares = distribution(of: move.origin, on: move.code, into: targets,
                                          alongside: originsByCode[move.code]!, vintage: event.vintage)
                for (next, weight) in zip(shares.targets, shares.split.weights) {
                    replay.trails[move.origin]!.shares[next, default: 0] += move.carried * weight
                    replay.holders[next, default: []].insert(move.origin)
                }
                replay.trails[move.origin]!.events.append("\(event.date) \(rows[0].eventLabel) \(move.code)→\(targets.joined(separator: "+"))")
                if shares.targets.count > 1 { replay.trails[move.origin]!.bases.append(shares.split.basis) }
            }
            taken = replay.take(successors.keys.sorted().filter { !after.contains($0) && replay.holders[$0] != nil })
        }
    }

    /// The rows of the table: each origin's shares on the communes of the target, with their
    /// kind; the origins left on no commune.
    private static func passages(of trails: [String: Trail], into finalCommunes: Set<String>) -> (rows: [Passage], vanished: [String]) {
        var originsPerTarget: [String: Int] = [:]
        for trail in trails.values {
            for code in trail.shares.keys { originsPerTarget[code, default: 0] += 1 }
        }
        var rows: [Passage] = []
        var vanished: [String] = []
        for (origin, trail) in trails.sorted(by: { $0.key < $1.key }) {
            var kept = trail.shares.filter { finalCommunes.contains($0.key) && $0.value > 0 }
            if kept.isEmpty { vanished.append(origin) }
            // Shares that went apart and came back together are sums of floating-point
            // products: make them add up to exactly one again.
            let total = kept.values.reduce(0, +)
            if abs(total - 1) < 1e-9 { kept = kept.count == 1 ? kept.mapValues { _ in 1 } : kept.mapValues { $0 / total } }
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
        return (rows, vanished)
    }
}
