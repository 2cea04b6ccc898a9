extension WarehouseSchema {
    /// Migration 002: what the `normalise` stage needs and produces — EPCI compositions as
    /// published, the COG vintage of each file, passage tables, territories and their
    /// memberships per geography, and observations converted to one geography.
    static let geography = """
        -- The COG vintage a file's codes follow, and how it is known (declared by the
        -- source, given on the command line, or inferred from the codes).
        ALTER TABLE files ADD COLUMN geography INTEGER;
        ALTER TABLE files ADD COLUMN geography_basis TEXT;

        -- 1 for counts that add up across communes (population, households); medians,
        -- rates and shares stay 0 and are never summed.
        ALTER TABLE variables ADD COLUMN additive INTEGER NOT NULL DEFAULT 0 CHECK (additive IN (0, 1));

        CREATE TABLE epci_composition (
            file_id   INTEGER NOT NULL REFERENCES files ON DELETE CASCADE,
            vintage   TEXT NOT NULL,
            epci      TEXT NOT NULL,
            epci_name TEXT,
            nature    TEXT,
            com       TEXT NOT NULL,
            com_name  TEXT,
            dep       TEXT
        );
        CREATE INDEX epci_composition_by_vintage ON epci_composition (vintage, com);
        CREATE INDEX epci_composition_by_file ON epci_composition (file_id);

        CREATE TABLE epci_list (
            file_id   INTEGER NOT NULL REFERENCES files ON DELETE CASCADE,
            vintage   TEXT NOT NULL,
            epci      TEXT NOT NULL,
            epci_name TEXT,
            nature    TEXT,
            nb_com    INTEGER
        );
        CREATE INDEX epci_list_by_file ON epci_list (file_id);

        -- Share of a commune of one COG vintage that lands in a commune of another.
        CREATE TABLE passages (
            from_geography INTEGER NOT NULL,
            to_geography   INTEGER NOT NULL,
            from_code      TEXT NOT NULL,
            to_code        TEXT NOT NULL,
            weight         REAL NOT NULL CHECK (weight > 0 AND weight <= 1),
            kind           TEXT NOT NULL CHECK (kind IN ('identity', 'code-change', 'merger', 'split', 'split+merger')),
            basis          TEXT,
            events         TEXT,
            PRIMARY KEY (from_geography, to_geography, from_code, to_code)
        ) WITHOUT ROWID;

        -- Every territory of a geography under its canonical identifier (COM:62498,
        -- ARM:75101, EPCI:246200364, DEP:62, REG:32, FR, ZONE:bassin-minier).
        CREATE TABLE territories (
            geography   INTEGER NOT NULL,
            territory   TEXT NOT NULL,
            level       TEXT NOT NULL CHECK (level IN ('COM', 'ARM', 'EPCI', 'DEP', 'REG', 'FR', 'ZONE')),
            code        TEXT NOT NULL,
            name        TEXT NOT NULL,
            search_name TEXT NOT NULL,
            detail      TEXT,
            PRIMARY KEY (geography, territory)
        ) WITHOUT ROWID;
        CREATE INDEX territories_by_code ON territories (code);

        -- Which territory belongs to which, per geography (commune → EPCI, département,
        -- région, France, zones; arrondissement municipal → commune; département → région).
        CREATE TABLE memberships (
            geography INTEGER NOT NULL,
            territory TEXT NOT NULL,
            parent    TEXT NOT NULL,
            PRIMARY KEY (geography, territory, parent)
        ) WITHOUT ROWID;
        CREATE INDEX memberships_by_parent ON memberships (geography, parent);

        -- Observations on the communes of one geography. `conversion` is NULL when the
        -- commune is unchanged, else the source communes and weights that made the value.
        CREATE TABLE normalised_observations (
            geography   INTEGER NOT NULL,
            file_id     INTEGER NOT NULL REFERENCES files ON DELETE CASCADE,
            territory   TEXT NOT NULL,
            variable_id INTEGER NOT NULL REFERENCES variables,
            value       REAL,
            status      TEXT NOT NULL CHECK (status IN ('ok', 'secret', 'missing', 'not-applicable')),
            conversion  TEXT,
            CHECK ((status = 'ok') = (value IS NOT NULL)),
            PRIMARY KEY (geography, file_id, territory, variable_id)
        ) WITHOUT ROWID;
        CREATE INDEX normalised_by_variable ON normalised_observations (geography, variable_id, territory);

        -- Codes of a file that are not communes of its geography and cannot be followed
        -- through the mouvements: never dropped silently.
        CREATE TABLE unmapped_codes (
            geography    INTEGER NOT NULL,
            file_id      INTEGER NOT NULL REFERENCES files ON DELETE CASCADE,
            code         TEXT NOT NULL,
            level        TEXT NOT NULL,
            observations INTEGER NOT NULL,
            reason       TEXT NOT NULL,
            PRIMARY KEY (geography, file_id, code)
        ) WITHOUT ROWID;

        \(normalisedView)

        CREATE VIEW v_passages AS
        SELECT from_geography, to_geography, from_code, to_code, weight, kind, basis, events
        FROM passages WHERE kind != 'identity';
        """

    /// Normalised observations in long form, with their variable and territory.
    static let normalisedView = """
        CREATE VIEW v_normalised AS
        SELECT n.geography, v.source_id, v.code AS variable, v.period, n.territory, t.level, t.name,
               n.value, n.status, n.conversion, n.file_id
        FROM normalised_observations n
        JOIN variables v USING (variable_id)
        LEFT JOIN territories t ON t.geography = n.geography AND t.territory = n.territory;
        """
}
