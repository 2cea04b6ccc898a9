import Foundation
import GRDB
import Warehouse

/// The values of two warehouses compared in one pass: both read in the same order and
/// merged, so that memory stays flat whatever their size (all of France is 3.9 million
/// values a warehouse).
enum ValueMerge {
    private struct Entry {
        let key: (Int, String, String, String)
        let figure: ValueChange.Figure

        init(_ state: IndicatorStore.ValueState) {
            key = (state.geography, state.territory, state.indicator, state.period)
            figure = ValueChange.Figure(value: state.value, status: state.status, unpublished: state.unpublished)
        }
    }

    static func differences(_ old: Warehouse, _ new: Warehouse) throws -> [ValueChange] {
        // One warehouse compared with itself: both cursors on one connection, whose
        // methods are not reentrant.
        let same = URL(fileURLWithPath: old.path).standardizedFileURL.resolvingSymlinksInPath()
            == URL(fileURLWithPath: new.path).standardizedFileURL.resolvingSymlinksInPath()
        if same { return try old.read { db in try merge(db, db) } }
        return try old.read { oldDB in try new.read { newDB in try merge(oldDB, newDB) } }
    }

    private static func merge(_ oldDB: Database, _ newDB: Database) throws -> [ValueChange] {
        let before = try IndicatorStore.orderedValues(oldDB)
        let after = try IndicatorStore.orderedValues(newDB)
        var changes: [ValueChange] = []
        var a = try before.next().map(Entry.init)
        var b = try after.next().map(Entry.init)
        func change(_ key: (Int, String, String, String), _ x: ValueChange.Figure?, _ y: ValueChange.Figure?) {
            changes.append(ValueChange(geography: key.0, indicator: key.2, territory: key.1, period: key.3, before: x, after: y))
        }
        while a != nil || b != nil {
            if let x = a, let y = b, x.key == y.key {
                if x.figure != y.figure { change(x.key, x.figure, y.figure) }
                a = try before.next().map(Entry.init)
                b = try after.next().map(Entry.init)
            } else if let x = a, b.map({ x.key < $0.key }) ?? true {
                change(x.key, x.figure, nil)
                a = try before.next().map(Entry.init)
            } else if let y = b {
                change(y.key, nil, y.figure)
                b = try after.next().map(Entry.init)
            }
        }
        return changes
    }
}
