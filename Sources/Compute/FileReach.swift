import GRDB
import Warehouse

/// The départements a file has observations in, for indicators whose partial coverage is
/// exact (`partial_coverage: exact`): there, a commune the file does not name had nothing
/// to count; elsewhere the file says nothing. Read once per file and kept for the run.
struct FileReach {
    let territories: TerritoryIndex
    /// The département of each commune (`COM:62498` → `DEP:62`) by territory index; -1 for
    /// a territory in none.
    let departements: [Int32]
    private var byFile: [Int64: [Int32]] = [:]

    init(territories: TerritoryIndex, members: [(parent: Int32, communes: [Int32])]) {
        self.territories = territories
        var departements = [Int32](repeating: -1, count: territories.count)
        for (parent, communes) in members where territories[parent].hasPrefix("DEP:") {
            for commune in communes { departements[Int(commune)] = parent }
        }
        self.departements = departements
    }

    /// Whether each territory is a département any of `files` reaches on this geography.
    mutating func departements(reachedBy files: Set<Int64>, db: Database, geography: Int) throws -> [Bool] {
        var reached = [Bool](repeating: false, count: territories.count)
        for file in files {
            if byFile[file] == nil {
                let communes = try ObservationStore.communesWithValues(ofFile: file, geography: geography, db)
                let departements = communes.compactMap { territories.index(of: $0).map { self.departements[Int($0)] } }
                byFile[file] = Array(Set(departements.filter { $0 >= 0 }))
            }
            for departement in byFile[file]! { reached[Int(departement)] = true }
        }
        return reached
    }
}
