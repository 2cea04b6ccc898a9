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
            guard let last = try Int64.fetchOne(db, sql: "SELECT max(run_id) FROM indicator_rows") else {
                throw ObservatoireError(.changes, "nothing computed yet in \(warehouse.path): run `observatoire run` or `observatoire compute` first")
            }
            let base: Int64 = try run ?? Int64.fetchOne(db, sql: """
                SELECT max(computed_run) FROM indicator_history WHERE run_id = ?
                """, arguments: [last]) ?? (try Int64.fetchOne(db, sql: "SELECT max(run_id) FROM runs WHERE run_id < ?", arguments: [last]) ?? 0)
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
            let last = try Int64.fetchOne(db, sql: "SELECT max(run_id) FROM alerts") ?? 0
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
        let indicators = try String.fetchSet(db, sql: "SELECT DISTINCT indicator_id FROM indicator_slots")
        for (id, changes) in byIndicator.sorted(by: { $0.key < $1.key }) {
            if changes.allSatisfy({ $0.kind == .removed }) && !indicators.contains(id) { report.indicatorsRemoved.append(id) }
            if changes.allSatisfy({ $0.kind == .added }), try Int.fetchOne(db, sql: """
                SELECT count(*) FROM indicator_values WHERE indicator_id = ?
                """, arguments: [id]) == changes.count { report.indicatorsAdded.append(id) }
        }
        let byTerritory = Dictionary(grouping: report.values) { "\($0.geography) \($0.territory)" }
        for (_, changes) in byTerritory.sorted(by: { $0.key < $1.key }) {
            let (geography, territory) = (changes[0].geography, changes[0].territory)
            let name = try TerritoryStore(geography: geography).names(of: [territory], db)[territory]
            let now = try Int.fetchOne(db, sql: "SELECT count(*) FROM indicator_values WHERE geography = ? AND territory = ?",
                                       arguments: [geography, territory]) ?? 0
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
        let rows = try Row.fetchAll(db, sql: """
            SELECT h.geography, h.indicator_id, h.territory, h.period, h.change, h.value, h.status, h.unpublished_value
            FROM indicator_history h
            WHERE h.run_id > ? AND h.run_id = (SELECT min(run_id) FROM indicator_history f WHERE f.geography = h.geography
                AND f.indicator_id = h.indicator_id AND f.territory = h.territory AND f.period = h.period AND f.run_id > ?)
            ORDER BY h.geography, h.territory
            """, arguments: [base, base])
        var changes: [ValueChange] = []
        let now = try db.makeStatement(sql: """
            SELECT indicator_id, period, value, status, unpublished_value FROM indicator_values WHERE geography = ? AND territory = ?
            """)
        var current: (key: String, figures: [String: ValueChange.Figure]) = ("", [:])
        for row in rows {
            let geography: Int = row[0], territory: String = row[2]
            let key = "\(geography) \(territory)"
            if key != current.key {
                var figures: [String: ValueChange.Figure] = [:]
                for value in try Row.fetchAll(now, arguments: [geography, territory]) {
                    figures["\(value[0] as String) \(value[1] as String)"] = ValueChange.Figure(value: value[2], status: value[3], unpublished: value[4])
                }
                current = (key, figures)
            }
            let indicator: String = row[1], period: String = row[3]
            let before = (row[4] as String) == "added" ? nil : ValueChange.Figure(value: row[5], status: row[6] ?? "ok", unpublished: row[7])
            let after = current.figures["\(indicator) \(period)"]
            guard before != after else { continue }  // changed, then changed back
            changes.append(ValueChange(geography: geography, indicator: indicator, territory: territory, period: period,
                                       before: before, after: after))
        }
        return changes
    }

    /// Files loaded by the runs after `base`, each beside the file it replaced.
    private func filesLoaded(after base: Int64, upTo last: Int64, _ db: Database) throws -> [ChangeReport.FileChange] {
        try Row.fetchAll(db, sql: """
            SELECT n.source_id, n.vintage, n.name, n.sha256, n.rows_loaded, n.rows_rejected,
                   o.sha256 AS old_sha256, o.rows_loaded AS old_loaded, o.rows_rejected AS old_rejected
            FROM files n LEFT JOIN files o ON o.replaced_by = n.file_id
            WHERE n.run_id > ? AND n.run_id <= ? ORDER BY n.source_id, n.name
            """, arguments: [base, last]).map { row in
            ChangeReport.FileChange(
                source: row["source_id"], vintage: row["vintage"], name: row["name"],
                before: (row["old_sha256"] as String?).map { .init(sha256: $0, rowsLoaded: row["old_loaded"], rowsRejected: row["old_rejected"]) },
                after: .init(sha256: row["sha256"], rowsLoaded: row["rows_loaded"], rowsRejected: row["rows_rejected"]))
        }
    }

    private func alerts(after base: Int64, upTo last: Int64, _ db: Database) throws -> [ChangeReport.Alert] {
        try Row.fetchAll(db, sql: """
            SELECT run_id, indicator_id, territory, period, value, detail, files FROM alerts WHERE run_id > ? AND run_id <= ?
            ORDER BY run_id, indicator_id, territory, period
            """, arguments: [base, last]).map {
            ChangeReport.Alert(run: $0[0], indicator: $0[1], territory: $0[2], period: $0[3], value: $0[4], detail: $0[5], files: $0[6])
        }
    }

    private static func tolerances(_ db: Database) throws -> [String: Double] {
        Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: """
            SELECT indicator_id, coalesce(tolerance, 0.001) FROM indicators
            """).map { ($0[0] as String, $0[1] as Double) })
    }

    /// A territory of one state only, with the movements of the later warehouse's COG that name its code.
    private static func territoryChange(_ territory: String, name: String, geography: Int, _ db: Database) throws -> ChangeReport.TerritoryChange {
        let code = territory.split(separator: ":").last.map(String.init) ?? territory
        let movements = territory.hasPrefix("COM:") ? try String.fetchAll(db, sql: """
            SELECT 'mod ' || mod || ' on ' || date_eff || ': ' || com_av || ' ' || coalesce(libelle_av, '') || ' → ' || com_ap || ' ' || coalesce(libelle_ap, '')
            FROM cog_mouvements WHERE (com_av = :c OR com_ap = :c) AND vintage = (SELECT max(vintage) FROM cog_mouvements)
            ORDER BY date_eff DESC LIMIT 3
            """, arguments: ["c": code]) : []
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
        files = Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: """
            SELECT source_id || '|' || vintage || '|' || name, sha256, rows_loaded, rows_rejected FROM files WHERE status = 'current'
            """).map { ($0[0] as String, ChangeReport.FileChange.State(sha256: $0[1], rowsLoaded: $0[2], rowsRejected: $0[3])) })
        indicators = try String.fetchSet(db, sql: "SELECT DISTINCT indicator_id FROM indicator_slots")
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
