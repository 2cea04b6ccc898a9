import Core
import Geography
import GRDB
import Warehouse

/// Reads the references `normalise` works from: the commune history, and the populations
/// that weight splits.
enum ReferenceData {
    /// The history from the most recent COG whose communes and mouvements are both loaded.
    static func history(_ db: Database) throws -> CommuneHistory {
        guard let vintage = try GeographyStore.referenceVintage(db), let year = Int(vintage) else {
            throw ObservatoireError(.missingReference, """
                normalise needs a COG communes file and the mouvements file of the same vintage \
                (e.g. cog/2024/communes.csv and cog/2024/mouvements.csv): ingest them first
                """)
        }
        let communes = try GeographyStore.communeCodes(vintage: vintage, db)
        let changes = try GeographyStore.mouvements(vintage: vintage, db).map { event in
            CommuneChange(mod: event.mod, date: event.date, typeBefore: event.typeBefore, codeBefore: event.codeBefore,
                          typeAfter: event.typeAfter, codeAfter: event.codeAfter)
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
            try ObservationStore.forEachCommuneValue(fileID: file.fileID, variableID: file.variableID, db) { code, level, value in
                if level == "COMD" { delegated[code] = value } else { population[code] = value }
            }
            return PopulationTable(geography: geography,
                                   label: "population municipale, populations légales RP\(file.vintage) (COG \(geography), \(file.sourceID))",
                                   population: population, delegated: delegated)
        }
    }
}
