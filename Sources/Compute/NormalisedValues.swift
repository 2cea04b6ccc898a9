import Core
import GRDB
import Indicators
import Warehouse

/// The normalised values of one geography, by variable, from both places they are kept:
/// values converted one by one (`normalised_values`, read through its index by variable)
/// and the packed rows of wide files carried as they are (`normalised_rows`).
///
/// A packed row holds every variable of its file: reading one variable from it means
/// reading the whole row. So the variables of a file are read in one pass over its rows
/// (`load`), kept in memory as columns, and every later request is served from there.
final class NormalisedValues {
    /// One variable of one wide file: its values on the territories of the file.
    private struct Column {
        let fileID: Int64
        var territories: [Int32] = []
        var values: [Double] = []
        var statuses: [ValueStatus] = []
    }

    let geography: Int
    private let db: Database
    /// Where each variable is packed among the current files of this geography.
    private let packedSlots: [Int64: [(fileID: Int64, slot: Int)]]
    private var columns: [Int64: [Column]] = [:]
    private var loaded: Set<Int64> = []
    /// Every territory the values name: they are given by index in it.
    let territories: TerritoryIndex

    init(geography: Int, db: Database) throws {
        self.geography = geography
        self.db = db
        territories = try TerritoryIndex.read(geography: geography, db)
        var slots: [Int64: [(fileID: Int64, slot: Int)]] = [:]
        try ObservationStore.forEachPackedColumn(geography: geography, db) { variableID, fileID, slot in
            slots[variableID, default: []].append((fileID, slot))
        }
        packedSlots = slots
    }

    /// Variables that have a value in this geography, in either place.
    var variablesPresent: Set<Int64> {
        get throws {
            try ObservationStore.convertedVariables(geography: geography, db).union(packedSlots.keys)
        }
    }

    /// Reads these variables from the packed rows of their files, one pass per file, for
    /// the requests to come. Variables already read, or not packed, are skipped.
    func load(_ variables: Set<Int64>) throws {
        let missing = variables.subtracting(loaded)
        loaded.formUnion(missing)
        var byFile: [Int64: [(slot: Int, variableID: Int64)]] = [:]
        for variable in missing {
            for place in packedSlots[variable] ?? [] { byFile[place.fileID, default: []].append((place.slot, variable)) }
        }
        for (fileID, slots) in byFile.sorted(by: { $0.key < $1.key }) {
            try load(slots, of: fileID)
        }
    }

    private func load(_ slots: [(slot: Int, variableID: Int64)], of fileID: Int64) throws {
        var wanted = Array(repeating: false, count: (slots.map(\.slot).max() ?? 0) + 1)
        var columnOfSlot = Array(repeating: -1, count: wanted.count)
        var read: [Column] = []
        for (slot, _) in slots {
            wanted[slot] = true
            columnOfSlot[slot] = read.count
            read.append(Column(fileID: fileID))
        }
        let selection = PackedCells.Selection(wanted: wanted)
        try ObservationStore.forEachPackedRow(geography: geography, fileID: fileID, db) { code, cells in
            let territory = try territories.index(of: code, in: "normalised rows of file \(fileID)")
            do {
                try PackedCells.read(cells, selection: selection) { slot, value, status in
                    let column = columnOfSlot[slot]
                    read[column].territories.append(territory)
                    read[column].values.append(value ?? 0)
                    read[column].statuses.append(status)
                }
            } catch let error as PackedCells.CorruptCells {
                throw ObservatoireError(.indicator, "file \(fileID), territory \(territories[territory]): \(error)")
            }
        }
        for (slot, variableID) in slots { columns[variableID, default: []].append(read[columnOfSlot[slot]]) }
    }

    /// Calls `body` with every value of these variables on current files, file by file in
    /// the order they were loaded (the most recent last, so that it wins when kept last).
    /// `territory`: an index in `territories`.
    func forEach(_ variables: Set<Int64>,
                 _ body: (_ territory: Int32, _ variableID: Int64, _ fileID: Int64, _ value: Double?, _ status: ValueStatus) throws -> Void) throws {
        guard !variables.isEmpty else { return }
        try load(variables)
        let packed = variables.flatMap { variable in (columns[variable] ?? []).map { (variable, $0) } }.sorted { $0.1.fileID < $1.1.fileID }
        var next = 0
        func emitPacked(before fileID: Int64?) throws {
            while next < packed.count, fileID.map({ packed[next].1.fileID < $0 }) ?? true {
                let (variable, column) = packed[next]
                for index in column.territories.indices {
                    let status = column.statuses[index]
                    try body(column.territories[index], variable, column.fileID, status == .ok ? column.values[index] : nil, status)
                }
                next += 1
            }
        }
        try ObservationStore.forEachConvertedValue(geography: geography, variables: Array(variables), db) {
            territory, variableID, fileID, value, status in
            try emitPacked(before: fileID)
            guard let known = ValueStatus(rawValue: status) else {
                throw ObservatoireError(.indicator, "normalised values of file \(fileID): unknown status \(status)")
            }
            try body(territories.index(of: territory, in: "normalised values of file \(fileID)"), variableID, fileID, value, known)
        }
        try emitPacked(before: nil)
    }
}
