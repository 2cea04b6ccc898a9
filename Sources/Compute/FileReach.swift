import GRDB

/// The départements a file has observations in, for indicators whose partial coverage is
/// exact (`partial_coverage: exact`): there, a commune the file does not name had nothing
/// to count; elsewhere the file says nothing. Read once per file and kept for the run.
struct FileReach {
    /// The département of each commune (`COM:62498` → `DEP:62`).
    let departements: [String: String]
    private var byFile: [Int64: Set<String>] = [:]

    init(members: [String: [String]]) {
        var departements: [String: String] = [:]
        for (parent, communes) in members where parent.hasPrefix("DEP:") {
            for commune in communes { departements[commune] = parent }
        }
        self.departements = departements
    }

    /// The départements any of `files` reaches on this geography.
    mutating func departements(reachedBy files: Set<Int64>, db: Database, geography: Int) throws -> Set<String> {
        var reached: Set<String> = []
        for file in files {
            if byFile[file] == nil {
                let communes = try String.fetchAll(db, sql: """
                    SELECT DISTINCT territory FROM normalised_values WHERE geography = :g AND file_id = :f AND territory LIKE 'COM:%'
                    UNION SELECT territory FROM normalised_rows WHERE geography = :g AND file_id = :f AND territory LIKE 'COM:%'
                    """, arguments: ["g": geography, "f": file])
                byFile[file] = Set(communes.compactMap { departements[$0] })
            }
            reached.formUnion(byFile[file]!)
        }
        return reached
    }
}
