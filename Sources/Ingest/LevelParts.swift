import Catalog
import GRDB
import Warehouse

/// The `files` rows a Melodi data file is recorded under beside its own: one per level
/// above the commune that it publishes (`DS_FILOSOFI_CC_data.csv [DEP]`).
///
/// A load holds one value per territory code and variable, and codes of different levels
/// meet: the région 32 (Hauts-de-France) and the département 32 (Gers), an EPCI and an IRIS
/// (9 digits each). So communes and arrondissements stay in the file's own row, and each
/// other level gets a row of its own, begun in the same transaction as the file's: the file
/// loads whole or not at all, and a new load of it retires every row of the previous one.
final class LevelParts {
    private let load: FileLoad
    private let fileID: Int64
    private let runID: Int64
    private let db: Database
    /// The levels the source may load above the commune, in a stable order.
    private let levels: [String]
    private var begun: [String: (fileID: Int64, observations: Int)] = [:]

    init(load: FileLoad, fileID: Int64, runID: Int64, levels: [CodeKind], _ db: Database) {
        self.load = load
        self.fileID = fileID
        self.runID = runID
        self.db = db
        self.levels = Set(levels.compactMap(Self.partLevel)).sorted()
    }

    /// The level a kind of code is stored under when it has a row of its own; nil for
    /// communes and arrondissements municipaux, stored with the file.
    static func partLevel(of kind: CodeKind) -> String? {
        kind == .commune ? nil : kind.level(of: UnsafeBufferPointer(start: nil, count: 0))
    }

    /// The `files` row a value of `level` goes to, begun on its first value; the value is counted.
    func fileID(counting level: String) throws -> Int64 {
        if let part = begun[level] {
            begun[level]!.observations += 1
            return part.fileID
        }
        let (partID, _) = try FileJournal.begin(partLoad(level), runID: runID, db)
        begun[level] = (partID, 1)
        return partID
    }

    /// The rows begun, with their counts; a level of the previous load that this one does
    /// not publish gets an empty row, so that its former values are retired too.
    func finish() throws -> [LoadPart] {
        var parts: [LoadPart] = []
        for level in levels {
            if let part = begun[level] {
                parts.append(LoadPart(fileID: part.fileID, counts: FileCounts(rowsRead: part.observations, rowsLoaded: part.observations),
                                      repairs: "\(level) values of file \(fileID) (\(load.name)), loaded with it"))
            } else if try hasCurrentLoad(named: partName(level)) {
                let (partID, _) = try FileJournal.begin(partLoad(level), runID: runID, db)
                parts.append(LoadPart(fileID: partID, counts: FileCounts(),
                                      repairs: "file \(fileID) (\(load.name)) publishes no \(level) value: those of its previous load are retired"))
            }
        }
        return parts
    }

    private func partName(_ level: String) -> String { "\(load.name) [\(level)]" }

    private func partLoad(_ level: String) -> FileLoad {
        var part = load
        part.name = partName(level)
        return part
    }

    private func hasCurrentLoad(named name: String) throws -> Bool {
        try FileJournal.currentFileID(sourceID: load.sourceID, vintage: load.vintage, name: name, db) != nil
    }
}
