import Foundation
import GRDB
import Warehouse

/// Keeps in `indicator_history` what a compute replaces (migration 016): each value it
/// changes, adds or removes, as it was and with the run that had computed it.
///
/// The previous values of the geography stay in `indicator_rows` until each territory's
/// new row replaces its own, so that nothing is copied. A row written the same as before,
/// with the same slots and methods, is the same values: only rows that differ are read
/// cell by cell, so a run where nothing changed costs one read per territory.
final class ValueHistory {
    /// A slot's indicator and period.
    struct Key: Hashable {
        let indicator: String
        let period: String
    }

    private let previousSlots: [Key]
    private let previousMethods: [Int: String]
    /// Each indicator's tolerance (`IndicatorDefinition.changeTolerance`).
    private let tolerances: [String: Double]
    private let writer: IndicatorStore.HistoryWriter
    /// The changes recorded so far.
    private(set) var counts = ComputeSummary.ValueChanges()

    /// Reads the slots and methods of the values about to be replaced.
    init(geography: Int, runID: Int64, tolerances: [String: Double] = [:], _ db: Database) throws {
        self.tolerances = tolerances
        previousSlots = try IndicatorStore.slotLayout(geography: geography, db).map { Key(indicator: $0.indicator, period: $0.period) }
        previousMethods = try IndicatorStore.methodsByID(geography: geography, db)
        writer = try IndicatorStore.HistoryWriter(geography: geography, runID: runID, db)
    }

    /// Compares a territory's previous row with the one about to replace it.
    /// - Parameters:
    ///   - slots, methods: those of the new row.
    func compare(territory: String, previous: (cells: String, runID: Int64?)?, new: UnsafeBufferPointer<UInt8>,
                 slots: [Key], methods: [Int: String]) throws {
        guard let previous else {
            // A first compute of the geography replaces nothing: no history to keep.
            guard !previousSlots.isEmpty else { return }
            for (key, _) in try Self.cells(Data(buffer: new), slots: slots) { try record(.added, key, territory: territory, cell: nil, run: nil) }
            return
        }
        if slots == previousSlots && methods == previousMethods && previous.cells.utf8.elementsEqual(new) { return }
        let before = try Self.cells(Data(previous.cells.utf8), slots: previousSlots)
        let after = try Self.cells(Data(buffer: new), slots: slots)
        for (key, cell) in before {
            if let now = after[key] {
                if !Self.sameFigure(cell, now) {
                    if beyondTolerance(cell, now, tolerance: tolerances[key.indicator] ?? 0.001) { counts.beyondTolerance += 1 }
                    try record(.changed, key, territory: territory, cell: cell, run: previous.runID)
                }
            } else {
                try record(.removed, key, territory: territory, cell: cell, run: previous.runID)
            }
        }
        for key in after.keys where before[key] == nil { try record(.added, key, territory: territory, cell: nil, run: nil) }
    }

    /// Records as removed every value of a territory that has none any more.
    func removeAll(territory: String, previous: (cells: String, runID: Int64?)) throws {
        for (key, cell) in try Self.cells(Data(previous.cells.utf8), slots: previousSlots) {
            try record(.removed, key, territory: territory, cell: cell, run: previous.runID)
        }
    }

    private func record(_ change: IndicatorStore.HistoryWriter.Change, _ key: Key, territory: String, cell: [Any]?, run: Int64?) throws {
        switch change {
        case .added: counts.added += 1
        case .changed: counts.changed += 1
        case .removed: counts.removed += 1
        }
        let first = cell?.first
        let number = (first as? NSNumber).map(\.doubleValue)
        let status = cell == nil ? nil : (first as? String) ?? "ok"
        let kept = cell.flatMap { $0.count > 8 ? ($0[8] as? NSNumber)?.doubleValue : nil }
        let coverage = cell.flatMap { $0.count > 4 ? ($0[4] as? NSNumber)?.doubleValue : nil }
        let method = cell.flatMap { $0.count > 1 ? ($0[1] as? NSNumber).flatMap { previousMethods[$0.intValue] } : nil }
        // A partial value's figure is at position 8, as its first element is its status.
        let value = number ?? (status == "partial" ? kept : nil)
        try writer.record(change, indicator: key.indicator, territory: territory, period: key.period, value: value, status: status,
                          unpublishedValue: status == "partial" ? nil : kept, coverage: coverage, method: method, computedRun: run)
    }

    /// The cells of a packed row by indicator and period.
    private static func cells(_ json: Data, slots: [Key]) throws -> [Key: [Any]] {
        guard let array = try JSONSerialization.jsonObject(with: json) as? [Any] else { return [:] }
        var cells: [Key: [Any]] = [:]
        for (slot, cell) in array.enumerated() {
            guard let cell = cell as? [Any], slot < slots.count else { continue }
            cells[slots[slot]] = cell
        }
        return cells
    }

    /// Whether a change matters: another status, or a figure that moved by more than the
    /// tolerance, relative to the figure before.
    private func beyondTolerance(_ before: [Any], _ after: [Any], tolerance: Double) -> Bool {
        func figure(_ cell: [Any]) -> (status: String, value: Double?) {
            if let number = cell.first as? NSNumber { return ("ok", number.doubleValue) }
            return (cell.first as? String ?? "", cell.count > 8 ? (cell[8] as? NSNumber)?.doubleValue : nil)
        }
        let (a, b) = (figure(before), figure(after))
        guard a.status == b.status else { return true }
        guard let old = a.value, let new = b.value else { return a.value != b.value }
        return old == 0 ? new != 0 : abs(new - old) / abs(old) > tolerance
    }

    /// Whether two cells give the same figure and status: the value or status first, and
    /// the value kept under a status that does not publish it.
    private static func sameFigure(_ a: [Any], _ b: [Any]) -> Bool {
        func element(_ cell: [Any], _ index: Int) -> NSObject? { index < cell.count ? cell[index] as? NSObject : nil }
        return element(a, 0) == element(b, 0) && element(a, 8) == element(b, 8)
    }
}
