import GRDB

/// The territories of one geography and their memberships, as `normalise` built them:
/// the one API the stages, exports and reports query them through, its SQL here.
public struct TerritoryStore: Sendable {
    public let geography: Int

    public init(geography: Int) {
        self.geography = geography
    }

    /// The most recent geography with territories, nil before any `normalise`.
    public static func latestGeography(_ db: Database) throws -> Int? {
        try Int.fetchOne(db, sql: "SELECT max(geography) FROM territories")
    }

    /// Whether `normalise` has built this geography.
    public func exists(_ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM territories WHERE geography = ?)", arguments: [geography]) ?? false
    }

    public func territory(_ id: String, _ db: Database) throws -> Territory? {
        try Row.fetchOne(db, sql: "SELECT * FROM territories WHERE geography = ? AND territory = ?", arguments: [geography, id])
            .map(Territory.init(row:))
    }

    public func territories(_ ids: [String], _ db: Database) throws -> [Territory] {
        try Row.fetchAll(db, sql: "SELECT * FROM territories WHERE geography = ? AND territory IN (SELECT value FROM json_each(?))",
                         arguments: [geography, SQLList.json(ids)]).map(Territory.init(row:))
    }

    /// Territories whose folded name contains every one of `words` (already folded).
    public func named(containing words: [String], _ db: Database) throws -> [Territory] {
        guard !words.isEmpty else { return [] }
        return try Row.fetchAll(db, sql: """
            SELECT * FROM territories WHERE geography = ? AND \(words.map { _ in "search_name LIKE ?" }.joined(separator: " AND "))
            """, arguments: StatementArguments([geography] + words.map { "%\($0)%" })).map(Territory.init(row:))
    }

    /// Every territory `id` belongs to: its EPCI, département, région, France, zones.
    public func parents(of id: String, _ db: Database) throws -> [Territory] {
        try Row.fetchAll(db, sql: """
            SELECT t.* FROM memberships m JOIN territories t ON t.geography = m.geography AND t.territory = m.parent
            WHERE m.geography = ? AND m.territory = ?
            """, arguments: [geography, id]).map(Territory.init(row:))
    }

    /// The members of `id` (of one level, or all), by name then code.
    public func members(of id: String, level: String? = nil, _ db: Database) throws -> [Territory] {
        try Row.fetchAll(db, sql: """
            SELECT t.* FROM memberships m JOIN territories t ON t.geography = m.geography AND t.territory = m.territory
            WHERE m.geography = ? AND m.parent = ? AND (? IS NULL OR t.level = ?) ORDER BY t.search_name, t.code
            """, arguments: [geography, id, level, level]).map(Territory.init(row:))
    }

    /// Whether every one of `ids` belongs to `parent`.
    public func contains(_ ids: [String], in parent: String, _ db: Database) throws -> Bool {
        try Int.fetchOne(db, sql: """
            SELECT count(*) FROM memberships WHERE geography = ? AND parent = ? AND territory IN (SELECT value FROM json_each(?))
            """, arguments: [geography, parent, SQLList.json(ids)]) == Set(ids).count
    }

    /// The ids of the communes of `id`: every commune for France, the commune (or
    /// arrondissement municipal) itself for one.
    public func communeIDs(of id: String, _ db: Database) throws -> [String] {
        if id.hasPrefix("COM:") || id.hasPrefix("ARM:") { return [id] }
        if id == "FR" {
            return try String.fetchAll(db, sql: "SELECT territory FROM territories WHERE geography = ? AND level = 'COM'", arguments: [geography])
        }
        return try String.fetchAll(db, sql: """
            SELECT territory FROM memberships WHERE geography = ? AND parent = ? AND territory LIKE 'COM:%'
            """, arguments: [geography, id])
    }

    /// Names by id, of `ids` or of every territory.
    public func names(of ids: [String]? = nil, _ db: Database) throws -> [String: String] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT territory, name FROM territories WHERE geography = ? AND (? IS NULL OR territory IN (SELECT value FROM json_each(?)))
            """, arguments: [geography, try ids.map(SQLList.json), try ids.map(SQLList.json)])
        return Dictionary(rows.map { ($0[0] as String, $0[1] as String) }, uniquingKeysWith: { first, _ in first })
    }

    /// The territories of `level` inside `within`: the territory itself, its members, and
    /// every territory that holds one of its communes (the EPCIs of a zone of communes);
    /// everything for `FR`. By name then code.
    public func selection(level: String, within: String, _ db: Database) throws -> [Territory] {
        try Row.fetchAll(db, sql: "SELECT * FROM territories WHERE geography = :g AND territory IN (\(Self.selectionSQL)) ORDER BY name, code",
                         arguments: ["g": geography, "level": level, "within": within]).map(Territory.init(row:))
    }

    /// `selection` as a subquery of territory ids, bound to `:g`, `:level` and `:within`,
    /// for the queries of values that keep to a selection.
    static let selectionSQL = """
        SELECT t.territory FROM territories t WHERE t.geography = :g AND t.level = :level AND (
            :within = 'FR' OR t.territory = :within
            OR EXISTS (SELECT 1 FROM memberships m WHERE m.geography = :g AND m.territory = t.territory AND m.parent = :within)
            OR EXISTS (SELECT 1 FROM memberships a JOIN memberships b ON b.geography = a.geography AND b.territory = a.territory
                       WHERE a.geography = :g AND a.parent = t.territory AND a.territory LIKE 'COM:%' AND b.parent = :within))
        """

    /// Each territory's full number of communes, where a reference gives it (`communes_expected`).
    public func fullMemberships(_ db: Database) throws -> [String: Int] {
        Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: """
            SELECT territory, communes_expected FROM territories WHERE geography = ? AND communes_expected IS NOT NULL
            """, arguments: [geography]).map { ($0[0] as String, $0[1] as Int) })
    }

    /// How many territories have fewer communes here than in full.
    public func partialCount(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM territories WHERE geography = ? AND communes < communes_expected",
                         arguments: [geography]) ?? 0
    }

    /// The sum of one variable of one file over `communes`, as `populations` reads it.
    public struct VariableSum: Sendable, Equatable {
        public let file: FileJournal.PopulationFile
        /// Rows of the communes in the file, with a value or not.
        public let rows: Int
        /// The sum of the values present.
        public let total: Double
        /// Communes with a value.
        public let present: Int
        /// Whether a commune's value is secret.
        public let secret: Bool
    }

    /// The `PMUN` of each of `files` normalised onto this geography, summed over `communes`.
    public func populations(of communes: [String], files: [FileJournal.PopulationFile], _ db: Database) throws -> [VariableSum] {
        try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS selected_territories (territory TEXT PRIMARY KEY)")
        try db.execute(sql: "DELETE FROM selected_territories")
        let insert = try db.makeStatement(sql: "INSERT OR IGNORE INTO selected_territories VALUES (?)")
        for id in communes { try insert.execute(arguments: [id]) }
        return try files.map { file in
            // One file and variable at a time: SQLite then reads only that file's rows of the
            // view's two tables, instead of unpacking every packed row of the geography.
            var total = 0.0, present = 0, secret = false, rows = 0
            let values = try Row.fetchCursor(db, sql: """
                SELECT value, status FROM normalised_observations
                WHERE geography = ? AND file_id = ? AND variable_id = ? AND territory IN (SELECT territory FROM temp.selected_territories)
                """, arguments: [geography, file.fileID, file.variableID])
            while let row = try values.next() {
                rows += 1
                if let value: Double = row[0] { total += value; present += 1 }
                if row[1] == "secret" { secret = true }
            }
            return VariableSum(file: file, rows: rows, total: total, present: present, secret: secret)
        }
    }

    /// A commune of an EPCI as a composition file published it.
    public struct PublishedMember: Sendable, Equatable {
        public let code: String
        public let name: String?
        /// The EPCI's name as the file writes it.
        public let epciName: String?
    }

    /// The communes of EPCI `epci` (SIREN) in the composition file `fileID`, by code: the
    /// perimeter then, to set against the one here.
    public static func epciMembers(_ epci: String, inComposition fileID: Int64, _ db: Database) throws -> [PublishedMember] {
        try Row.fetchAll(db, sql: """
            SELECT com, com_name, epci_name FROM epci_composition WHERE file_id = ? AND epci = ? ORDER BY com
            """, arguments: [fileID, epci]).map { PublishedMember(code: $0["com"], name: $0["com_name"], epciName: $0["epci_name"]) }
    }

    /// The three latest movements of the most recent COG loaded that name commune `code`
    /// (`mod 31 on 2019-01-01: 62001 A → 62002 B`): why a commune appeared or went.
    public static func latestMovements(ofCommune code: String, _ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: """
            SELECT 'mod ' || mod || ' on ' || date_eff || ': ' || com_av || ' ' || coalesce(libelle_av, '') || ' → ' || com_ap || ' ' || coalesce(libelle_ap, '')
            FROM cog_mouvements WHERE (com_av = :c OR com_ap = :c) AND vintage = (SELECT max(vintage) FROM cog_mouvements)
            ORDER BY date_eff DESC LIMIT 3
            """, arguments: ["c": code])
    }
}
