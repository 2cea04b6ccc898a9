import GRDB

/// How normalise writes the territories and memberships of a geography: from scratch, from
/// the COG, the EPCI composition of the same 1 January and the zones.
extension TerritoryStore {
    /// Deletes the territories and memberships of the geography, before it is built again.
    public func removeAll(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM territories WHERE geography = ?", arguments: [geography])
        try db.execute(sql: "DELETE FROM memberships WHERE geography = ?", arguments: [geography])
    }

    /// Adds territories through one statement prepared for the whole build; a territory
    /// already there is kept as it is (the first name given wins).
    public final class Writer {
        private let geography: Int
        private let insert: Statement

        public init(geography: Int, _ db: Database) throws {
            self.geography = geography
            insert = try db.makeStatement(sql: """
                INSERT OR IGNORE INTO territories (geography, territory, level, code, name, search_name, detail) VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
        }

        /// `searchName`: the name folded for search.
        public func add(territory: String, level: String, code: String, name: String, searchName: String, detail: String?) throws {
            try insert.execute(arguments: [geography, territory, level, code, name, searchName, detail])
        }
    }

    /// The memberships the COG gives: communes in their département, région and France,
    /// arrondissements municipaux in their commune, départements in their région and
    /// France, régions in France; each list of its own vintage (nil: none loaded).
    public func addCOGMemberships(communes: String, departements: String?, regions: String?, _ db: Database) throws {
        let communeMemberships = [
            "SELECT 'COM:' || com, 'DEP:' || dep FROM cog_communes WHERE vintage = :v AND typecom = 'COM' AND dep IS NOT NULL",
            "SELECT 'COM:' || com, 'REG:' || reg FROM cog_communes WHERE vintage = :v AND typecom = 'COM' AND reg IS NOT NULL",
            "SELECT 'COM:' || com, 'FR' FROM cog_communes WHERE vintage = :v AND typecom = 'COM'",
            "SELECT 'ARM:' || com, 'COM:' || comparent FROM cog_communes WHERE vintage = :v AND typecom = 'ARM'",
        ]
        for select in communeMemberships {
            try db.execute(sql: "INSERT OR IGNORE INTO memberships (geography, territory, parent) SELECT :g, * FROM (\(select))",
                           arguments: ["g": geography, "v": communes])
        }
        try db.execute(sql: """
            INSERT OR IGNORE INTO memberships (geography, territory, parent)
            SELECT :g, 'DEP:' || dep, 'REG:' || reg FROM cog_departements WHERE vintage = :v
            UNION SELECT :g, 'DEP:' || dep, 'FR' FROM cog_departements WHERE vintage = :v
            UNION SELECT :g, 'REG:' || reg, 'FR' FROM cog_regions WHERE vintage = :r
            """, arguments: ["g": geography, "v": departements, "r": regions])
    }

    /// The memberships one EPCI composition file gives: each commune of the geography in its
    /// EPCI, each EPCI in France; `noEPCI` is the code of communes in none.
    public func addEPCIMemberships(composition fileID: Int64, noEPCI: String, _ db: Database) throws {
        try db.execute(sql: """
            INSERT OR IGNORE INTO memberships (geography, territory, parent)
            SELECT :g, 'COM:' || e.com, 'EPCI:' || e.epci FROM epci_composition e
            WHERE e.file_id = :f AND e.epci != :none
              AND EXISTS (SELECT 1 FROM territories t WHERE t.geography = :g AND t.territory = 'COM:' || e.com)
            UNION SELECT :g, 'EPCI:' || e.epci, 'FR' FROM epci_composition e WHERE e.file_id = :f AND e.epci != :none
            """, arguments: ["g": geography, "f": fileID, "none": noEPCI])
    }

    /// Where a composition file and the communes of the geography disagree: communes of the
    /// composition the geography does not have, communes of the geography in no EPCI of it.
    public func epciMismatches(composition fileID: Int64, _ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: """
            SELECT 'in the composition, not a commune of COG ' || :g || ': ' || e.com FROM epci_composition e
            WHERE e.file_id = :f AND NOT EXISTS (SELECT 1 FROM territories t WHERE t.geography = :g AND t.territory = 'COM:' || e.com)
            UNION ALL
            SELECT 'commune of COG ' || :g || ' in no EPCI of the composition: ' || t.code FROM territories t
            WHERE t.geography = :g AND t.level = 'COM'
              AND t.code NOT IN (SELECT com FROM epci_composition WHERE file_id = :f)
            """, arguments: ["g": geography, "f": fileID])
    }

    /// Puts every EPCI and zone in the départements and régions of its communes.
    public func addGroupingsToTheirDepartementsAndRegions(_ db: Database) throws {
        try db.execute(sql: """
            INSERT OR IGNORE INTO memberships (geography, territory, parent)
            SELECT DISTINCT :g, a.parent, b.parent FROM memberships a
            JOIN memberships b ON b.geography = a.geography AND b.territory = a.territory
            WHERE a.geography = :g AND a.territory LIKE 'COM:%' AND (a.parent LIKE 'EPCI:%' OR a.parent LIKE 'ZONE:%')
              AND (b.parent LIKE 'DEP:%' OR b.parent LIKE 'REG:%')
            """, arguments: ["g": geography])
    }

    /// The codes of the members of any of `parents`, each id without its `COM:` prefix (the
    /// members of EPCIs are communes).
    public func memberCodes(ofAnyOf parents: [String], _ db: Database) throws -> Set<String> {
        try String.fetchSet(db, sql: """
            SELECT substr(territory, 5) FROM memberships WHERE geography = ? AND parent IN (\(parents.map { _ in "?" }.joined(separator: ", ")))
            """, arguments: StatementArguments([geography] + parents))
    }

    /// The codes (without their level) of the territories of one level.
    public func codes(level: String, _ db: Database) throws -> Set<String> {
        try String.fetchSet(db, sql: "SELECT code FROM territories WHERE geography = ? AND level = ?", arguments: [geography, level])
    }

    /// Records the full number of communes of a zone, as its definition declares them.
    public func setDeclaredCommunes(_ count: Int, of territory: String, _ db: Database) throws {
        try db.execute(sql: """
            UPDATE territories SET communes_expected = ?, communes_basis = 'zone definition' WHERE geography = ? AND territory = ?
            """, arguments: [count, geography, territory])
    }

    /// Puts each of `members` in `parent` (a membership already there is kept).
    public func addMemberships(of members: some Sequence<String>, in parent: String, _ db: Database) throws {
        let insert = try db.makeStatement(sql: "INSERT OR IGNORE INTO memberships (geography, territory, parent) VALUES (?, ?, ?)")
        for member in members {
            try insert.execute(arguments: [geography, member, parent])
        }
    }

    /// How many territories each level has.
    public func countByLevel(_ db: Database) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT level, count(*) FROM territories WHERE geography = ? GROUP BY level", arguments: [geography]) {
            counts[row[0]] = row[1]
        }
        return counts
    }

    public func membershipCount(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM memberships WHERE geography = ?", arguments: [geography]) ?? 0
    }
}
