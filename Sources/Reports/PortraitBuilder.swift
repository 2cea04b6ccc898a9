import Core
import Foundation
import GRDB
import Territories
import Warehouse

/// Reads the portrait of one territory in a database connection: its references, the
/// layout's indicators for it and for them, changes, ranks and specificity indices.
/// Values come from `v_indicator_values`, which has no number where the status is not
/// `ok`; changes, ranks and indices are made from `ok` values only.
struct PortraitBuilder {
    let layout: PortraitLayout
    let directory: TerritoryDirectory
    /// What the portraits of one job share (see `PortraitCache`).
    let cache = PortraitCache()

    var geography: Int { directory.geography }
    var store: TerritoryStore { TerritoryStore(geography: geography) }

    /// - Parameter production: when, by which run and which version it is made (its footer).
    func portrait(of subject: Territory, production: Portrait.Production, _ db: Database) throws -> Portrait {
        let indicators = try self.indicators(db)
        let parents = try directory.parents(of: subject, db)
        let communes = try directory.communeIDs(of: subject, db)
        let references = try self.references(of: subject, parents: parents, communes: communes, db)
        let values = try self.values(of: [subject.id] + references.map(\.id), indicators: layout.indicators + ["population"], db)
        let ranks = try self.ranks(of: subject, parents: parents, db)
        let own = values[subject.id] ?? [:]

        var sections = layout.sections.compactMap { section -> Portrait.Section? in
            let entries = section.indicators.compactMap { id -> Portrait.Entry? in
                guard let indicator = indicators[id], let periods = own[id], let period = periods.keys.max() else { return nil }
                let subjectValue = periods[period]!
                let referenceValues = references.map { values[$0.id]?[id]?[period] }
                let previous = periods.keys.filter { $0 < period }.max()
                var entry = Portrait.Entry(
                    indicator: indicator, period: period, subject: subjectValue, references: referenceValues,
                    previousPeriod: previous,
                    evolution: previous.flatMap { periods[$0]?.value }.flatMap { before in subjectValue.value.map { $0 - before } },
                    rank: ranks["\(id) \(period)"],
                    specificity: Self.specificity(indicator, subjectValue, referenceValues.first ?? nil))
                entry.history = periods.sorted { $0.key < $1.key }.compactMap { period, value in value.value.map { (period, $0) } }
                return entry
            }
            guard !entries.isEmpty else { return nil }
            let chart = section.chart.flatMap { id in entries.contains { $0.indicator.id == id && $0.subject.value != nil } ? id : nil }
            return Portrait.Section(title: section.title, entries: entries, chart: chart)
        }
        Self.highlight(&sections, count: layout.highlights)

        let (memberIndicators, members) = ["EPCI", "ZONE"].contains(subject.level)
            ? try self.members(of: subject, indicators: layout.members.compactMap { indicators[$0] }, db) : ([], [])
        let shown = Set(sections.flatMap { $0.entries.map(\.indicator.id) } + memberIndicators.map(\.id))
        let population = own["population"].flatMap { periods in periods.keys.max().map { (value: periods[$0]!, period: $0) } }
        return Portrait(
            title: layout.title, subject: subject, parents: Self.identityOrder(parents), communeCount: communes.count,
            population: population, references: references, sections: sections, memberIndicators: memberIndicators,
            members: members, sources: try sources(of: shown.sorted(), db), knownIssues: try knownIssues(db),
            production: production)
    }

    /// EPCI, départements, régions, then zones: nearest first, France left out.
    static func identityOrder(_ parents: [Territory]) -> [Territory] {
        let order = ["EPCI", "DEP", "REG", "ZONE"]
        return parents.filter { order.contains($0.level) }
            .sorted { (order.firstIndex(of: $0.level)!, $0.code) < (order.firstIndex(of: $1.level)!, $1.code) }
    }

    /// The layout's indicators as the last `compute` defined them; one it does not know
    /// is an error (a typo in the layout, or a catalogue newer than the warehouse).
    private func indicators(_ db: Database) throws -> [String: Portrait.Indicator] {
        let known = Dictionary(uniqueKeysWithValues: try IndicatorStore.definitions(db).map { definition in
            (definition.id, Portrait.Indicator(id: definition.id, label: definition.label, unit: definition.unit,
                                               aggregation: definition.aggregation, decimals: definition.decimals))
        })
        if let unknown = (layout.indicators + layout.members).first(where: { known[$0] == nil }) {
            throw ObservatoireError(.report, "the portrait layout names '\(unknown)', which the warehouse does not define: check pipelines/indicators (`observatoire indicators list`) and run `observatoire compute`")
        }
        return known
    }

    /// The EPCI of a commune, then the département(s), région(s), France, and the
    /// layout's zones that hold every commune of the territory.
    private func references(of subject: Territory, parents: [Territory], communes: [String], _ db: Database) throws -> [Territory] {
        func level(_ level: String) -> [Territory] { parents.filter { $0.level == level }.sorted { $0.code < $1.code } }
        var references = ["COM", "ARM"].contains(subject.level) ? level("EPCI") : []
        references += level("DEP") + level("REG")
        guard subject.id != "FR" else { return references }
        // Zones belong to no France in `memberships`; every territory but France has it as a reference.
        references += try territory("FR", db).map { [$0] } ?? []
        guard !communes.isEmpty else { return references }
        for zone in layout.referenceZones where zone != subject.id {
            if try store.contains(communes, in: zone, db), let zone = try territory(zone, db) {
                references.append(zone)
            }
        }
        return references
    }

    func territory(_ id: String, _ db: Database) throws -> Territory? {
        try store.territory(id, db)
    }

    /// Values by territory, indicator and period; those of the builder's portrait
    /// indicators are read once per territory and kept for the job's next portraits.
    private func values(of territories: [String], indicators: [String], _ db: Database) throws -> [String: [String: [String: Portrait.Value]]] {
        let shared = indicators == layout.indicators + ["population"]
        let missing = shared ? territories.filter { cache.values[$0] == nil } : territories
        var values: [String: [String: [String: Portrait.Value]]] = [:]
        if !missing.isEmpty {
            for value in try IndicatorStore.qualifiedValues(geography: geography, territories: missing, indicators: indicators, db) {
                values[value.territory, default: [:]][value.indicator, default: [:]][value.period] = Portrait.Value(
                    value: value.value, status: value.status, estimate: value.estimate, coverage: value.coverage, flags: value.flags,
                    estimatedShare: value.estimatedShare, communes: value.communes, communesExpected: value.communesExpected)
            }
        }
        guard shared else { return values }
        for territory in missing { cache.values[territory] = values[territory] ?? [:] }
        return Dictionary(uniqueKeysWithValues: territories.map { ($0, cache.values[$0] ?? [:]) })
    }

    /// Where a territory is ranked: a commune among the communes of its EPCI (of its
    /// département without one), an EPCI among the EPCIs of its département, a
    /// département among those of its région, a région among those of France.
    static func rankScope(of subject: Territory, parents: [Territory]) -> (level: String, scope: Territory)? {
        func first(_ level: String) -> Territory? { parents.filter { $0.level == level }.min { $0.code < $1.code } }
        switch subject.level {
        case "COM": return (first("EPCI") ?? first("DEP")).map { ("COM", $0) }
        case "ARM": return first("COM").map { ("ARM", $0) }
        case "EPCI": return first("DEP").map { ("EPCI", $0) }
        case "DEP": return first("REG").map { ("DEP", $0) }
        case "REG": return first("FR").map { ("REG", $0) }
        default: return nil
        }
    }

    /// Ranks of the territory's `ok` values among its peers' (1 = highest), by
    /// `indicator period`: one more than the peers with a higher value, out of the peers
    /// with an `ok` value. The peers' values are read once per scope (`PortraitCache`).
    private func ranks(of subject: Territory, parents: [Territory], _ db: Database) throws -> [String: Portrait.Rank] {
        guard let (level, scope) = Self.rankScope(of: subject, parents: parents) else { return [:] }
        let key = "\(level) in \(scope.id)"
        if cache.peers[key] == nil {
            let peers = try store.members(of: scope.id, level: level, db).map(\.id)
            cache.peers[key] = try okValues(of: peers, db)
        }
        let peers = cache.peers[key]!
        let own = try peers.byPeer[subject.id] ?? okValues(of: [subject.id], db).byPeer[subject.id] ?? [:]
        var ranks: [String: Portrait.Rank] = [:]
        for (indicator, value) in own {
            guard let values = peers.byKey[indicator] else { continue }
            ranks[indicator] = Portrait.Rank(position: 1 + values.count { $0 > value }, count: values.count, level: level, scope: scope)
        }
        return ranks
    }

    /// The `ok` values of territories (one packed row each), by territory and by `indicator period`.
    private func okValues(of territories: [String], _ db: Database) throws -> PortraitCache.Peers {
        var peers = PortraitCache.Peers()
        try IndicatorStore.forEachOKValue(geography: geography, territories: territories, db) { territory, key, value in
            peers.byPeer[territory, default: [:]][key] = value
            peers.byKey[key, default: []].append(value)
        }
        return peers
    }

    /// Subject / reference for rates and means; nothing for counts and growth rates, whose
    /// ratio to a larger territory says nothing.
    static func specificity(_ indicator: Portrait.Indicator, _ subject: Portrait.Value, _ reference: Portrait.Value?) -> Double? {
        guard !indicator.isCount, indicator.aggregation != "annual_growth",
              let value = subject.value, let base = reference?.value, base != 0 else { return nil }
        return value / base
    }

    /// Marks the `count` entries whose specificity is furthest from 1.
    static func highlight(_ sections: inout [Portrait.Section], count: Int) {
        let distances = sections.indices.flatMap { s in
            sections[s].entries.indices.compactMap { e in sections[s].entries[e].specificity.map { (s, e, abs($0 - 1)) } }
        }
        for (s, e, _) in distances.sorted(by: { $0.2 > $1.2 }).prefix(count) {
            sections[s].entries[e].highlighted = true
        }
    }

    /// The communes of an EPCI or zone, by name, each with the latest period of every
    /// member indicator (the latest any member has); indicators no member has are left out.
    private func members(of subject: Territory, indicators candidates: [Portrait.Indicator],
                         _ db: Database) throws -> ([Portrait.Indicator], [Portrait.Member]) {
        let communes = try store.members(of: subject.id, level: "COM", db)
        let values = try self.values(of: communes.map(\.id), indicators: candidates.map(\.id), db)
        let latest = candidates.compactMap { indicator in
            values.values.compactMap { $0[indicator.id]?.keys.max() }.max().map { (indicator, period: $0) }
        }
        return (latest.map(\.0), communes.map { commune in
            Portrait.Member(territory: commune, values: latest.map { indicator, period in values[commune.id]?[indicator.id]?[period] })
        })
    }

    /// The sources, vintages and files of the indicators shown (`indicator_sources`).
    private func sources(of indicators: [String], _ db: Database) throws -> [Portrait.Source] {
        var sources: [Portrait.Source] = []
        for row in try IndicatorStore.sourceFiles(of: indicators, geography: geography, db) {
            let (label, publisher, vintage, file) = (row.label, row.publisher, row.vintage, row.file)
            if let last = sources.last, last.label == label, last.vintage == vintage {
                sources[sources.count - 1] = Portrait.Source(label: label, publisher: publisher, vintage: vintage, files: last.files + [file])
            } else {
                sources.append(Portrait.Source(label: label, publisher: publisher, vintage: vintage, files: [file]))
            }
        }
        return sources
    }

    private func knownIssues(_ db: Database) throws -> [String: String] {
        try IndicatorStore.knownIssueReasons(geography: geography, db)
    }
}
