import GRDB

/// The official geography as loaded: the COG's communes, mouvements, départements and
/// régions (`cog_*`), the EPCI lists and compositions. Normalise reads it to build the
/// commune history and the territories of a geography.
public enum GeographyStore {
    /// The most recent vintage whose COG communes and mouvements are both loaded: the
    /// history needs the two of one date.
    public static func referenceVintage(_ db: Database) throws -> String? {
        try String.fetchOne(db, sql: """
            SELECT max(m.vintage) FROM cog_mouvements m
            WHERE EXISTS (SELECT 1 FROM cog_communes c WHERE c.vintage = m.vintage AND c.typecom = 'COM')
            """)
    }

    /// Whether the communes of the COG of `vintage` are loaded.
    public static func hasCommunes(vintage: String, _ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM cog_communes WHERE vintage = ? AND typecom = 'COM')",
                          arguments: [vintage]) == true
    }

    /// The codes of the communes (not arrondissements nor communes déléguées) of a COG.
    public static func communeCodes(vintage: String, _ db: Database) throws -> Set<String> {
        try String.fetchSet(db, sql: "SELECT com FROM cog_communes WHERE vintage = ? AND typecom = 'COM'", arguments: [vintage])
    }

    /// One event of the COG's mouvements file, as published (a missing type or code before
    /// is empty).
    public struct Mouvement: Sendable, Equatable {
        public let mod: Int
        public let date: String
        public let typeBefore: String
        public let codeBefore: String
        public let typeAfter: String
        public let codeAfter: String
    }

    /// The events of the mouvements file of `vintage`, each once.
    public static func mouvements(vintage: String, _ db: Database) throws -> [Mouvement] {
        try Row.fetchAll(db, sql: """
            SELECT DISTINCT mod, date_eff, typecom_av, com_av, typecom_ap, com_ap FROM cog_mouvements WHERE vintage = ?
            """, arguments: [vintage]).map { row in
            Mouvement(mod: row["mod"], date: row["date_eff"], typeBefore: row["typecom_av"] ?? "", codeBefore: row["com_av"] ?? "",
                      typeAfter: row["typecom_ap"] ?? "", codeAfter: row["com_ap"])
        }
    }

    /// A list of the COG published once a year, used for a geography with the vintage
    /// closest to it.
    public enum YearlyList: Sendable {
        case regions, departements

        fileprivate var table: String {
            switch self {
            case .regions: "cog_regions"
            case .departements: "cog_departements"
            }
        }
    }

    /// The vintage of `list` that names the territories of `vintage`: the latest not after
    /// it, else the oldest loaded (régions and départements rarely change); nil when none is.
    public static func vintage(of list: YearlyList, for vintage: String, _ db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT max(vintage) FROM \(list.table) WHERE vintage <= ?", arguments: [vintage])
            ?? String.fetchOne(db, sql: "SELECT min(vintage) FROM \(list.table)")
    }

    /// A territory as a COG list names it: its level (`REG`, `DEP`, `COM`, `ARM`), code and name.
    public struct NamedTerritory: Sendable, Equatable {
        public let level: String
        public let code: String
        public let name: String
    }

    /// The régions of one vintage of the list.
    public static func regions(vintage: String?, _ db: Database) throws -> [NamedTerritory] {
        try Row.fetchAll(db, sql: "SELECT DISTINCT reg, libelle FROM cog_regions WHERE vintage = ?", arguments: [vintage]).map {
            NamedTerritory(level: "REG", code: $0["reg"], name: $0["libelle"])
        }
    }

    /// The départements of one vintage of the list.
    public static func departements(vintage: String?, _ db: Database) throws -> [NamedTerritory] {
        try Row.fetchAll(db, sql: "SELECT DISTINCT dep, libelle FROM cog_departements WHERE vintage = ?", arguments: [vintage]).map {
            NamedTerritory(level: "DEP", code: $0["dep"], name: $0["libelle"])
        }
    }

    /// The communes and arrondissements municipaux of a COG.
    public static func communesAndArrondissements(vintage: String, _ db: Database) throws -> [NamedTerritory] {
        try Row.fetchAll(db, sql: """
            SELECT DISTINCT typecom, com, libelle FROM cog_communes WHERE vintage = ? AND typecom IN ('COM', 'ARM')
            """, arguments: [vintage]).map { NamedTerritory(level: $0["typecom"], code: $0["com"], name: $0["libelle"]) }
    }

    /// An EPCI as a list or a composition names it.
    public struct EPCI: Sendable, Equatable {
        public let code: String
        public let name: String?
        public let nature: String?
    }

    /// The EPCIs of the EPCI lists of a 1 January, in the order of their files (a later
    /// file's entry is the one to keep).
    public static func epciList(vintage: String, _ db: Database) throws -> [EPCI] {
        try Row.fetchAll(db, sql: "SELECT epci, epci_name, nature FROM epci_list WHERE vintage = ? ORDER BY file_id",
                         arguments: [vintage]).map { EPCI(code: $0["epci"], name: $0["epci_name"], nature: $0["nature"]) }
    }

    /// The EPCIs of one composition file, but `excluded` (the code of communes in no EPCI).
    public static func epcis(ofComposition fileID: Int64, excluding excluded: String, _ db: Database) throws -> [EPCI] {
        try Row.fetchAll(db, sql: """
            SELECT epci, max(epci_name) AS name, max(nature) AS nature FROM epci_composition
            WHERE file_id = ? AND epci != ? GROUP BY epci
            """, arguments: [fileID, excluded]).map { EPCI(code: $0["epci"], name: $0["name"], nature: $0["nature"]) }
    }

    /// The communes two compositions of one date place differently, or that the second
    /// lacks or alone has: `com (EPCI in a / EPCI in b or absent)`, in order.
    public static func compositionDifferences(_ a: Int64, _ b: Int64, _ db: Database) throws -> [String] {
        // `+b.file_id` keeps SQLite on the (vintage, com) index instead of scanning by file.
        try String.fetchAll(db, sql: """
            SELECT a.com || ' (' || a.epci || ' / ' || coalesce(b.epci, 'absent') || ')'
            FROM epci_composition a
            LEFT JOIN epci_composition b ON b.vintage = a.vintage AND b.com = a.com AND +b.file_id = :b
            WHERE a.file_id = :a AND a.epci IS NOT b.epci
            UNION ALL
            SELECT b.com || ' (absent / ' || b.epci || ')' FROM epci_composition b
            WHERE b.file_id = :b AND b.com NOT IN (SELECT com FROM epci_composition WHERE file_id = :a)
            ORDER BY 1
            """, arguments: ["a": a, "b": b])
    }

    /// How many communes two compositions of one date place in the same EPCI.
    public static func compositionAgreement(_ a: Int64, _ b: Int64, _ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: """
            SELECT count(*) FROM epci_composition a
            JOIN epci_composition b ON b.vintage = a.vintage AND b.com = a.com AND +b.file_id = :b AND b.epci = a.epci
            WHERE a.file_id = :a
            """, arguments: ["a": a, "b": b]) ?? 0
    }
}
