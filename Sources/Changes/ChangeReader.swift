import Core
import Foundation
import GRDB
import Warehouse

/// Reads what changed: in one warehouse, from the values its computes replaced
/// (`indicator_history`); or between two warehouses, value by value.
public struct ChangeReader {
    /// A relative tolerance that replaces every indicator's own; an absolute one, if given, wins.
    public var tolerance: Double?
    public var absoluteTolerance: Double?

    public init(tolerance: Double? = nil, absoluteTolerance: Double? = nil) {
        self.tolerance = tolerance
        self.absoluteTolerance = absoluteTolerance
    }

    /// The changes of the computes after `run` (after the one before the last compute when
    /// nil): each value as it was before the first of them, and as it is now.
    public func changes(in warehouse: Warehouse, since run: Int64? = nil) throws -> ChangeReport {
        try warehouse.read { db in
            guard let last = try IndicatorStore.lastComputeRun(db) else {
                throw ObservatoireError(.changes, "nothing computed yet in \(warehouse.path): run `observatoire run` or `observatoire compute` first")
            }
            let base = try run ?? IndicatorStore.runReplaced(byCompute: last, db)
            var report = ChangeReport(description: run.map { "the computes after run \($0), up to run \(last)" }
                                      ?? "run \(last) against the values it replaced (computed by run \(base))")
            report.values = try historyValues(since: base, db)
            try addedAndRemoved(&report, db)
            report.files = try filesLoaded(after: base, upTo: last, db)
            report.alerts = try alerts(after: base, upTo: last, db)
            let tolerances = try Self.tolerances(db)
            report.sortValues { beyond($0, tolerances) }
            return report
        }
    }

    /// Every difference between two warehouses: files, indicators, territories, values.
    public func changes(from old: Warehouse, to new: Warehouse) throws -> ChangeReport {
        var report = ChangeReport(description: "\(old.path) → \(new.path)")
        let before = try old.read { db in try Snapshot(db) }
        let tolerances = try new.read { db in
            let after = try Snapshot(db)
            report.files = Snapshot.fileChanges(before.files, after.files)
            report.indicatorsAdded = after.indicators.subtracting(before.indicators).sorted()
            report.indicatorsRemoved = before.indicators.subtracting(after.indicators).sorted()
            report.territoriesAdded = try after.territories.filter { before.territories[$0.key] == nil }
                .sorted { $0.key < $1.key }.map { try Self.territoryChange($0.key, name: $0.value, geography: after.geography, db) }
            report.territoriesRemoved = try before.territories.filter { after.territories[$0.key] == nil }
                .sorted { $0.key < $1.key }.map { try Self.territoryChange($0.key, name: $0.value, geography: before.geography, db) }
            // The alerts of the later warehouse's last compute that raised any.
            let last = try IndicatorStore.lastAlertRun(db) ?? 0
            report.alerts = try alerts(after: last - 1, upTo: last, db)
            return try Self.tolerances(db)
        }
        report.values = try ValueMerge.differences(old, new)
        report.sortValues { beyond($0, tolerances) }
        return report
    }

    /// From the history alone: an indicator or a territory all of whose values now were
    /// added by these computes is new; one whose values were all removed, and which no
    /// longer has any, is gone. A territory is named with the movements of its code.
    private func addedAndRemoved(_ report: inout ChangeReport, _ db: Database) throws {
        let byIndicator = Dictionary(grouping: report.values, by: \.indicator)
        let indicators = try IndicatorStore.computedIndicatorIDs(db)
        for (id, changes) in byIndicator.sorted(by: { $0.key < $1.key }) {
            if changes.allSatisfy({ $0.kind == .removed }) && !indicators.contains(id) { report.indicatorsRemoved.append(id) }
            if changes.allSatisfy({ $0.kind == .added }), try IndicatorStore.valueCount(of: id, db) == changes.count {
                report.indicatorsAdded.append(id)
            }
        }
        let byTerritory = Dictionary(grouping: report.values) { "\($0.geography) \($0.territory)" }
        for (_, changes) in byTerritory.sorted(by: { $0.key < $1.key }) {
            let (geography, territory) = (changes[0].geography, changes[0].territory)
            let name = try TerritoryStore(geography: geography).names(of: [territory], db)[territory]
            let now = try IndicatorStore.valueCount(geography: geography, territory: territory, db)
            if changes.allSatisfy({ $0.kind == .removed }) && now == 0 {
                report.territoriesRemoved.append(try Self.territoryChange(territory, name: name ?? territory, geography: geography, db))
            } else if changes.allSatisfy({ $0.kind == .added }) && now == changes.count {
                report.territoriesAdded.append(try Self.territoryChange(territory, name: name ?? territory, geography: geography, db))
            }
        }
    }

    private func beyond(_ change: ValueChange, _ tolerances: [String: Double]) -> Bool {
        change.isBeyond(relative: tolerance ?? tolerances[change.indicator] ?? 0.001, absolute: absoluteTolerance)
    }

    /// For each value the computes after `base` replaced, the first state recorded, beside the value now.
    private func historyValues(since base: Int64, _ db: Database) throws -> [ValueChange] {
        let rows = try IndicatorStore.firstReplacedValues(since: base, db)
        var changes: [ValueChange] = []
        let now = try IndicatorStore.TerritoryValuesReader(db)
        var current: (key: String, figures: [String: ValueChange.Figure]) = ("", [:])
        for row in rows {
            let geography = row.geography, territory = row.territory
            let key = "\(geography) \(territory)"
            if key != current.key {
                var figures: [String: ValueChange.Figure] = [:]
                for value in try now.values(geography: geography, territory: territory) {
                    figures["\(value.indicator) \(value.period)"] = ValueChange.Figure(value: value.value, status: value.status, unpublished: value.unpublished)
                }
                current = (key, figures)
            }
            let indicator = row.indicator, period = row.period
            let before = row.change == "added" ? nil : ValueChange.Figure(value: row.value, status: row.status ?? "ok", unpublished: row.unpublished)
            let after = current.figures["\(indicator) \(period)"]
            guard before != after else { continue }  // changed, then changed back
            changes.append(ValueChange(geography: geography, indicator: indicator, territory: territory, period: period,
                                       before: before, after: after))
        }
        return changes
    }

    /// Files loaded by the runs after `base`, each beside the file it replaced.
    private func filesLoaded(after base: Int64, upTo last: Int64, _ db: Database) throws -> [ChangeReport.FileChange] {
        try IndicatorStore.filesLoaded(afterRun: base, upTo: last, db).map { file in
            ChangeReport.FileChange(source: file.source, vintage: file.vintage, name: file.name, before: file.before.map(Self.state),
                                    after: Self.state(file.after))
        }
    }

    private func alerts(after base: Int64, upTo last: Int64, _ db: Database) throws -> [ChangeReport.Alert] {
        try IndicatorStore.alerts(afterRun: base, upTo: last, db).map {
            ChangeReport.Alert(run: $0.run, indicator: $0.indicator, territory: $0.territory, period: $0.period, value: $0.value,
                               detail: $0.detail, files: $0.files)
        }
    }

    static func state(_ load: IndicatorStore.LoadState) -> ChangeReport.FileChange.State {
        ChangeReport.FileChange.State(sha256: load.sha256, rowsLoaded: load.rowsLoaded, rowsRejected: load.rowsRejected)
    }

    private static func tolerances(_ db: Database) throws -> [String: Double] {
        Dictionary(uniqueKeysWithValues: try IndicatorStore.definitions(db).map { ($0.id, $0.tolerance) })
    }

    /// A territory of one state only, with the movements of the later warehouse's COG that name its code.
    private static func territoryChange(_ territory: String, name: String, geography: Int, _ db: Database) throws -> ChangeReport.TerritoryChange {
        let code = territory.split(separator: ":").last.map(String.init) ?? territory
        let movements = territory.hasPrefix("COM:") ? try TerritoryStore.latestMovements(ofCommune: code, db) : []
        return ChangeReport.TerritoryChange(geography: geography, territory: territory, name: name, movements: movements)
    }
}

/// What one warehouse holds, besides its values, for comparing it with another.
private struct Snapshot {
    let files: [String: ChangeReport.FileChange.State]
    let indicators: Set<String>
    /// The territories of its latest geography, `COM:62498` → name: two warehouses on
    /// different COGs then show the communes merged, split or recoded between them.
    let territories: [String: String]
    let geography: Int

    init(_ db: Database) throws {
        files = Dictionary(uniqueKeysWithValues: try IndicatorStore.currentLoads(db).map {
            ("\($0.source)|\($0.vintage)|\($0.name)", ChangeReader.state($0.state))
        })
        indicators = try IndicatorStore.computedIndicatorIDs(db)
        geography = try TerritoryStore.latestGeography(db) ?? 0
        territories = try TerritoryStore(geography: geography).names(db)
    }

    static func fileChanges(_ before: [String: ChangeReport.FileChange.State], _ after: [String: ChangeReport.FileChange.State])
        -> [ChangeReport.FileChange] {
        Set(before.keys).union(after.keys).sorted().compactMap { key in
            guard before[key] != after[key] else { return nil }
            let parts = key.split(separator: "|", maxSplits: 2).map(String.init)
            return ChangeReport.FileChange(source: parts[0], vintage: parts[1], name: parts[2], before: before[key], after: after[key])
        }
    }
}
