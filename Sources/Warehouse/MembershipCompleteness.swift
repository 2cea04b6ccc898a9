import GRDB

/// How many communes each territory above the commune has in the geography, and how many
/// it has in full, from the references loaded (`territories.communes`,
/// `communes_expected`, `communes_basis`).
///
/// A geography built from cut files (a COG of two départements, the composition of the
/// basin's communes only) knows only some of the members of its larger territories: the
/// Métropole Européenne de Lille with 5 of its 95 communes, France with 330. Compute
/// measures coverage against the full count, so that a sum over the members loaded is not
/// taken for the territory's figure.
///
/// The full count is the largest any reference gives (a reference can only leave communes
/// out, by being cut or by its field: populations légales leave Mayotte out):
/// - EPCI: the EPCI list's `NB_COM`, the composition file's rows;
/// - département, région: the `Nombre de communes` INSEE publishes with the populations
///   légales (variable `NBCOM`) of the same geography, the COG's communes;
/// - France: the sum of the régions' `NBCOM`, the COG's communes;
/// - zones: their declared communes (set by normalise's `TerritoryBuilder`).
///
/// A typed store of the warehouse: normalise calls it, the SQL stays here.
public struct MembershipCompleteness {
    public let geography: Int
    /// The EPCIs of each zone declared by EPCI: its full count is theirs added up.
    public var zoneEPCIs: [String: [String]] = [:]

    public init(geography: Int, zoneEPCIs: [String: [String]] = [:]) {
        self.geography = geography
        self.zoneEPCIs = zoneEPCIs
    }

    /// One territory with fewer communes in the geography than in full.
    public struct Partial: Sendable, Equatable {
        public let territory: String
        public let communes: Int
        public let expected: Int
        public let basis: String
    }

    /// Fills the three columns and returns the partial territories, in code order.
    public func record(_ db: Database) throws -> [Partial] {
        let arguments: StatementArguments = ["g": geography, "v": String(geography)]
        try db.execute(sql: """
            UPDATE territories SET communes = (
                SELECT count(*) FROM memberships m
                WHERE m.geography = territories.geography AND m.parent = territories.territory AND m.territory LIKE 'COM:%')
            WHERE geography = :g AND level NOT IN ('COM', 'ARM')
            """, arguments: arguments)
        for candidate in try candidates(arguments, db) {
            try db.execute(sql: """
                UPDATE territories SET communes_expected = :n, communes_basis = :basis
                WHERE geography = :g AND territory = :t AND (communes_expected IS NULL OR communes_expected < :n)
                """, arguments: ["g": geography, "t": candidate.territory, "n": candidate.count, "basis": candidate.basis])
        }
        for (zone, epcis) in zoneEPCIs.sorted(by: { $0.key < $1.key }) {
            try db.execute(sql: """
                UPDATE territories SET communes_expected = (
                    SELECT sum(communes_expected) FROM territories e
                    WHERE e.geography = :g AND e.territory IN (SELECT value FROM json_each(:epcis))), communes_basis = 'its EPCIs in full'
                WHERE geography = :g AND territory = :zone
                """, arguments: ["g": geography, "zone": zone, "epcis": try SQLList.json(epcis)])
        }
        // A territory no reference counts has the communes it has.
        try db.execute(sql: """
            UPDATE territories SET communes_expected = communes, communes_basis = 'communes of the geography'
            WHERE geography = :g AND level NOT IN ('COM', 'ARM') AND communes_expected IS NULL
            """, arguments: arguments)
        return try Row.fetchAll(db, sql: """
            SELECT territory, communes, communes_expected, communes_basis FROM territories
            WHERE geography = :g AND communes < communes_expected ORDER BY territory
            """, arguments: arguments).map {
            Partial(territory: $0[0], communes: $0[1], expected: $0[2], basis: $0[3])
        }
    }

    private struct Candidate {
        let territory: String
        let count: Int
        let basis: String
    }

    /// Every full count a reference gives, several per territory.
    private func candidates(_ arguments: StatementArguments, _ db: Database) throws -> [Candidate] {
        let queries = [
            // The EPCI list of the geography's 1 January.
            """
            SELECT 'EPCI:' || l.epci, l.nb_com, 'EPCI list ' || f.name FROM epci_list l JOIN files f USING (file_id)
            WHERE l.vintage = :v AND l.nb_com IS NOT NULL AND f.status = 'current'
            """,
            // The composition files of the same date, whole.
            """
            SELECT 'EPCI:' || e.epci, count(DISTINCT e.com), 'EPCI composition ' || f.name
            FROM epci_composition e JOIN files f USING (file_id)
            WHERE e.vintage = :v AND f.status = 'current' GROUP BY e.file_id, e.epci
            """,
            // The COG's communes.
            """
            SELECT 'DEP:' || dep, count(*), 'COG ' || :v FROM cog_communes WHERE vintage = :v AND typecom = 'COM' AND dep IS NOT NULL GROUP BY dep
            UNION ALL
            SELECT 'REG:' || reg, count(*), 'COG ' || :v FROM cog_communes WHERE vintage = :v AND typecom = 'COM' AND reg IS NOT NULL GROUP BY reg
            UNION ALL
            SELECT 'FR', count(*), 'COG ' || :v FROM cog_communes WHERE vintage = :v AND typecom = 'COM'
            """,
            // The number of communes INSEE publishes per département and région, from files on
            // this very geography: a count of 2024 is not the full membership of 2025.
            """
            SELECT n.territory, CAST(max(n.value) AS INTEGER), 'populations légales ' || v.period || ' (Nombre de communes)'
            FROM normalised_values n JOIN variables v USING (variable_id) JOIN files f ON f.file_id = n.file_id
            WHERE n.geography = :g AND f.geography = :g AND v.code = 'NBCOM' AND n.status = 'ok' AND (n.territory LIKE 'DEP:%' OR n.territory LIKE 'REG:%')
            GROUP BY n.territory, v.period
            UNION ALL
            SELECT 'FR', CAST(sum(n.value) AS INTEGER), 'populations légales ' || v.period || ' (Nombre de communes, sum of the régions)'
            FROM normalised_values n JOIN variables v USING (variable_id) JOIN files f ON f.file_id = n.file_id
            WHERE n.geography = :g AND f.geography = :g AND v.code = 'NBCOM' AND n.status = 'ok' AND n.territory LIKE 'REG:%'
            GROUP BY n.file_id, v.period
            """,
        ]
        return try queries.flatMap { sql in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map { Candidate(territory: $0[0], count: $0[1], basis: $0[2]) }
        }
    }
}
