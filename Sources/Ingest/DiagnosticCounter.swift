import Foundation
import Tabular
import Warehouse

/// Counts the diagnostics of a file on a thread of its own, while the loader's thread
/// packs and writes the rows already counted: the sorted diagnostics are merged from
/// disk, tallied one commune × year at a time (`DiagnosticTally`) into a row per commune,
/// handed over in batches (`CommuneRowBatch`). Counting, and packing with SQLite's writes,
/// each take about half of a diagnostics file's finish, so each gets a core.
///
/// Nothing here touches the database: a column's slot is given here, in the order the
/// columns are first used, and the loader's thread registers each one, in that order,
/// before it writes the first row that uses it.
final class DiagnosticCounter: @unchecked Sendable {
    /// A year × slot of `DiagnosticsLoader.slotNames`, as one number.
    struct ColumnKey {
        let index: Int

        init(slot: Int, year: Int) {
            index = (year - CountedDiagnostic.years.lowerBound) * DiagnosticsLoader.slotNames.count + slot
        }

        var slot: Int { index % DiagnosticsLoader.slotNames.count }
        var year: Int { CountedDiagnostic.years.lowerBound + index / DiagnosticsLoader.slotNames.count }
    }

    private var diagnostics: ExternalSorter<CountedDiagnostic>
    private let uncounted: LineSet
    private let channel: BatchChannel<CommuneRowBatch>

    /// Counts `diagnostics` but for the lines in `uncounted`, sending rows to `channel`.
    init(diagnostics: ExternalSorter<CountedDiagnostic>, uncounted: LineSet, channel: BatchChannel<CommuneRowBatch>) {
        self.diagnostics = diagnostics
        self.uncounted = uncounted
        self.channel = channel
    }

    /// Starts counting on a new thread; the batches and the end come through the channel.
    func start() {
        let thread = Thread { self.run() }
        thread.name = "count-diagnostics"
        thread.start()
    }

    private func run() {
        do {
            try count()
            channel.finish(error: nil)
        } catch {
            channel.finish(error: error)
        }
    }

    /// Goes through the diagnostics in commune then year order, one commune × year group
    /// at a time, and sends a row per commune.
    private func count() throws {
        var rows = CommuneRows(channel: channel)
        let uncounted = uncounted
        try diagnostics.drain { diagnostic in
            guard !uncounted.contains(diagnostic.line) else { return }
            try rows.add(diagnostic)
        }
        try rows.finish()
    }

    /// What counting holds from one diagnostic to the next, with the steps that change it:
    /// a value's state rather than variables captured by nested functions, which Swift
    /// checks for exclusive access at run time, on every diagnostic.
    private struct CommuneRows {
        let channel: BatchChannel<CommuneRowBatch>
        var batch: CommuneRowBatch
        var tally = DiagnosticTally()
        /// The first diagnostic of the group being counted.
        var group: CountedDiagnostic?
        var observations: [(slot: Int, value: Double)] = []
        /// One row per commune, every year in it, by slot.
        var commune: [(slot: Int, value: Double)] = []
        /// The slot of each column key, −1 until first used, given in the order of first
        /// use and noted in the batch that first uses it.
        var slotOfColumn = [Int32](repeating: -1, count: CountedDiagnostic.years.count * DiagnosticsLoader.slotNames.count)
        var slotCount: Int32 = 0

        init(channel: BatchChannel<CommuneRowBatch>) {
            self.channel = channel
            batch = channel.emptyBatch()
        }

        mutating func add(_ diagnostic: CountedDiagnostic) throws {
            if let current = group, !diagnostic.isInGroup(of: current) {
                countGroup()
                if !diagnostic.isInCommune(of: current) { try sendCommune() }
                group = nil
            }
            group = group ?? diagnostic
            tally.add(diagnostic)
        }

        /// Counts the last group and sends what is left.
        mutating func finish() throws {
            countGroup()
            try sendCommune()
            if !batch.isEmpty { try channel.send(batch) }
        }

        private mutating func slot(of key: ColumnKey) -> Int {
            if slotOfColumn[key.index] < 0 {
                slotOfColumn[key.index] = slotCount
                slotCount += 1
                batch.addColumn(key)
            }
            return Int(slotOfColumn[key.index])
        }

        private mutating func countGroup() {
            guard let group else { return }
            tally.observations(into: &observations)
            for (observed, value) in observations {
                commune.append((slot(of: ColumnKey(slot: observed, year: group.year)), value))
            }
            tally.removeAll()
        }

        private mutating func sendCommune() throws {
            guard let group, !commune.isEmpty else { return }
            batch.append(commune: group.communeCode, values: commune)
            commune.removeAll(keepingCapacity: true)
            if batch.isFull {
                try channel.send(batch)
                batch = channel.emptyBatch()
            }
        }
    }
}
