import GRDB

extension CiteStore {
    /// One line of `report_cites_priority`.
    public struct PriorityLine: Sendable {
        public var rank: Int
        public var cite: String
        public var name: String
        public var epci: String?
        public var dwellings: Int?
        public var socialScore: Double?
        public var heritageScore: Double?
        public var score: Double?
        public var classe: String
        /// The criteria missing, `; `-separated; nil when none is.
        public var missing: String?
        /// Within the budget; nil without a budget.
        public var selected: Bool?
        public var cumulativeDwellings: Int?

        public init(rank: Int, cite: String, name: String, epci: String?, dwellings: Int?, socialScore: Double?, heritageScore: Double?,
                    score: Double?, classe: String, missing: String?, selected: Bool?, cumulativeDwellings: Int?) {
            self.rank = rank
            self.cite = cite
            self.name = name
            self.epci = epci
            self.dwellings = dwellings
            self.socialScore = socialScore
            self.heritageScore = heritageScore
            self.score = score
            self.classe = classe
            self.missing = missing
            self.selected = selected
            self.cumulativeDwellings = cumulativeDwellings
        }
    }

    /// Replaces the whole ranking: a ranking is only meaningful whole.
    public static func replacePriority(_ lines: [PriorityLine], runID: Int64, _ db: Database) throws {
        try db.execute(sql: "DELETE FROM report_cites_priority")
        let insert = try db.makeStatement(sql: """
            INSERT INTO report_cites_priority (rank, id_cite, nom, epci, logements, score_social, score_patrimonial, score,
                classe, manquants, selection, cumul_logements, run_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for line in lines {
            try insert.execute(arguments: [
                line.rank, line.cite, line.name, line.epci, line.dwellings, line.socialScore, line.heritageScore,
                line.score, line.classe, line.missing, line.selected, line.cumulativeDwellings, runID,
            ])
        }
    }

    /// One line of `report_renovation_progress`: a programme's figures for one group and year.
    public struct ProgressLine: Sendable {
        public var programme: String
        public var breakdown: String
        public var group: String
        /// nil for the whole period.
        public var year: Int?
        public var committed: Double
        public var delivered: Double
        public var cumulativeCommitted: Double
        public var cumulativeDelivered: Double
        public var shareCommitted: Double?
        public var shareDelivered: Double?
        public var costPerDwelling: Double?
        public var classesGained: Double?
        public var shareLeavingEFG: Double?
        public var unescoCites: Int?
        public var unescoTreated: Int?
        public var unescoShare: Double?

        public init(programme: String, breakdown: String, group: String, year: Int?, committed: Double, delivered: Double,
                    cumulativeCommitted: Double, cumulativeDelivered: Double, shareCommitted: Double?, shareDelivered: Double?,
                    costPerDwelling: Double?, classesGained: Double?, shareLeavingEFG: Double?, unescoCites: Int?,
                    unescoTreated: Int?, unescoShare: Double?) {
            self.programme = programme
            self.breakdown = breakdown
            self.group = group
            self.year = year
            self.committed = committed
            self.delivered = delivered
            self.cumulativeCommitted = cumulativeCommitted
            self.cumulativeDelivered = cumulativeDelivered
            self.shareCommitted = shareCommitted
            self.shareDelivered = shareDelivered
            self.costPerDwelling = costPerDwelling
            self.classesGained = classesGained
            self.shareLeavingEFG = shareLeavingEFG
            self.unescoCites = unescoCites
            self.unescoTreated = unescoTreated
            self.unescoShare = unescoShare
        }
    }

    /// Replaces the progress of the territory `within` (`all` for every cité), keeping other territories'.
    public static func replaceProgress(within: String, _ lines: [ProgressLine], runID: Int64, _ db: Database) throws {
        try db.execute(sql: "DELETE FROM report_renovation_progress WHERE within = ?", arguments: [within])
        let insert = try db.makeStatement(sql: """
            INSERT INTO report_renovation_progress (programme, within, breakdown, group_code, year, logements_engages,
                logements_livres, cumul_engages, cumul_livres, part_objectif_engages, part_objectif_livres, cout_par_logement,
                classes_gagnees, part_sortie_efg, cites_unesco, cites_unesco_traitees, part_unesco_traitees, run_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for line in lines {
            try insert.execute(arguments: [
                line.programme, within, line.breakdown, line.group, line.year, line.committed, line.delivered,
                line.cumulativeCommitted, line.cumulativeDelivered, line.shareCommitted, line.shareDelivered,
                line.costPerDwelling, line.classesGained, line.shareLeavingEFG, line.unescoCites, line.unescoTreated,
                line.unescoShare, runID,
            ])
        }
    }
}
