import Core
import Geography
import GRDB
import Warehouse

/// Reads the reference tables `normalise` works from: the commune history, commune
/// lists of loaded COG files, and the populations that weight splits.
enum ReferenceData {
    /// The most recent vintage whose COG communes and mouvements are both loaded.
    static func referenceVintage(_ db: Database) throws -> String? {
        try String.fetchOne(db, sql: """
            SELECT max(m.vintage) FROM cog_mouvements m
            WHERE EXISTS (SELECT 1 FROM cog_communes c WHERE c.vintage = m.vintage AND c.typecom = 'COM')
            """)
    }

    /// The history from the most recent COG whose communes and mouvements are both loaded.
    static func history(_ db: Database) throws -> CommuneHistory {
        guard let vintage = try referenceVintage(db), let year = Int(vintage) else {
            throw ObservatoireError(.missingReference, """
                normalise needs a COG communes file and the mouvements file of the same vintage \
                (e.g. cog/2024/communes.csv and cog/2024/mouvements.csv): ingest them first
                """)
        }
        let communes = try String.fetchSet(db, sql: "SELECT com FROM cog_communes WHERE vintage = ? AND typecom = 'COM'", arguments: [vintage])
        let changes = try Row.fetchAll(db, sql: """
            SELECT DISTINCT mod, date_eff, typecom_av, com_av, typecom_ap, com_ap FROM cog_mouvements WHERE vintage = ?
            """, arguments: [vintage]).map { row in
            CommuneChange(mod: row["mod"], date: row["date_eff"], typeBefore: row["typecom_av"] ?? "",
                          codeBefore: row["com_av"] ?? "", typeAfter: row["typecom_ap"] ?? "", codeAfter: row["com_ap"])
        }
        return CommuneHistory(vintage: year, communes: communes, changes: changes)
    }

    /// Populations municipales (`PMUN`) of every loaded populations légales file whose
    /// geography is known, for split weights: of communes, and of communes déléguées
    /// (level COMD) for the communes nouvelles that are undone.
    static func populationTables(_ db: Database) throws -> [PopulationTable] {
        // The most recent geography first, as the split weights look for one.
        let files = try FileJournal.populationFiles(db).compactMap { file in file.geography.map { (file: file, geography: $0) } }
            .sorted { ($0.geography, $0.file.fileID) > ($1.geography, $1.file.fileID) }
        return try files.map { file, geography in
            var population: [String: Double] = [:]
            var delegated: [String: Double] = [:]
            let rows = try Row.fetchCursor(db, sql: """
                SELECT territory_code, territory_level, value FROM observations
                WHERE file_id = ? AND variable_id = ? AND territory_level IN ('COM', 'COMD') AND status = 'ok'
                """, arguments: [file.fileID, file.variableID])
            while let row = try rows.next() {
                if (row[1] as String) == "COMD" { delegated[row[0]] = row[2] } else { population[row[0]] = row[2] }
            }
            return PopulationTable(geography: geography,
                                   label: "population municipale, populations légales RP\(file.vintage) (COG \(geography), \(file.sourceID))",
                                   population: population, delegated: delegated)
        }
    }

    /// Files of observations currently loaded, oldest first.
    static func observationFiles(_ db: Database) throws -> [ObservationFile] {
        try Row.fetchAll(db, sql: """
            SELECT f.file_id, f.source_id, f.vintage, f.name, f.geography, f.geography_basis
            FROM files f JOIN sources s USING (source_id)
            WHERE f.status = 'current' AND s.kind IN ('observations', 'diagnostics')
            ORDER BY f.file_id
            """).map { row in
            ObservationFile(fileID: row["file_id"], sourceID: row["source_id"], vintage: row["vintage"], name: row["name"],
                            geography: row["geography"], geographyBasis: row["geography_basis"])
        }
    }

    /// Commune codes (level COM) of one file.
    static func communeCodes(fileID: Int64, _ db: Database) throws -> Set<String> {
        try String.fetchSet(db, sql: """
            SELECT territory_code FROM observation_values WHERE file_id = :f AND territory_level = 'COM'
            UNION SELECT territory_code FROM observation_rows WHERE file_id = :f AND territory_level = 'COM'
            """, arguments: ["f": fileID])
    }
}

/// A loaded file of observations and the geography of its codes, once known.
struct ObservationFile: Sendable {
    let fileID: Int64
    let sourceID: String
    let vintage: String
    let name: String
    var geography: Int?
    var geographyBasis: String?
}
