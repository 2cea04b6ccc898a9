extension WarehouseSchema {
    /// Migration 007: the inventory of cités minières and their renovation operations
    /// (local inventories, `reference-table` sources), the reference lists of cités
    /// (UNESCO, ERBM) matched to communes, and the reports on them.
    static let cites = """
        -- One row per cité of an inventory file. Scores are NULL when missing, never 0.
        CREATE TABLE cites (
            file_id                INTEGER NOT NULL REFERENCES files ON DELETE CASCADE,
            id_cite                TEXT NOT NULL,
            nom                    TEXT NOT NULL,
            epci                   TEXT,
            unesco                 TEXT NOT NULL CHECK (unesco IN ('oui', 'en-partie', 'non')),
            logements              INTEGER CHECK (logements >= 0),
            part_ayants_droit      REAL CHECK (part_ayants_droit BETWEEN 0 AND 100),
            revenu_median_uc       REAL CHECK (revenu_median_uc >= 0),
            etat_bati              INTEGER CHECK (etat_bati BETWEEN 1 AND 5),
            qualite_architecturale INTEGER CHECK (qualite_architecturale BETWEEN 1 AND 5)
        );
        CREATE INDEX cites_by_id ON cites (id_cite);
        CREATE INDEX cites_by_file ON cites (file_id);

        -- The communes of a cité (a cité may span several).
        CREATE TABLE cite_communes (
            file_id INTEGER NOT NULL REFERENCES files ON DELETE CASCADE,
            id_cite TEXT NOT NULL,
            com     TEXT NOT NULL,
            PRIMARY KEY (file_id, id_cite, com)
        ) WITHOUT ROWID;

        -- The owners (bailleurs) of a cité with their dwellings there.
        CREATE TABLE cite_bailleurs (
            file_id   INTEGER NOT NULL REFERENCES files ON DELETE CASCADE,
            id_cite   TEXT NOT NULL,
            bailleur  TEXT NOT NULL,
            logements INTEGER NOT NULL CHECK (logements >= 0),
            PRIMARY KEY (file_id, id_cite, bailleur)
        ) WITHOUT ROWID;

        -- One row per renovation operation on a cité of a current inventory.
        CREATE TABLE renovation_operations (
            file_id         INTEGER NOT NULL REFERENCES files ON DELETE CASCADE,
            id_operation    TEXT NOT NULL,
            id_cite         TEXT NOT NULL,
            programme       TEXT NOT NULL CHECK (programme IN ('ERBM', 'NPNRU', 'FEDER', 'cites-pilotes', 'bailleur')),
            logements       INTEGER NOT NULL CHECK (logements > 0),
            date_engagement TEXT,
            date_debut      TEXT,
            date_livraison  TEXT,
            cout_ttc        REAL CHECK (cout_ttc >= 0),
            etiquette_avant TEXT CHECK (etiquette_avant IN ('A', 'B', 'C', 'D', 'E', 'F', 'G')),
            etiquette_apres TEXT CHECK (etiquette_apres IN ('A', 'B', 'C', 'D', 'E', 'F', 'G')),
            statut          TEXT NOT NULL CHECK (statut IN ('programmee', 'engagee', 'en-travaux', 'livree', 'abandonnee'))
        );
        CREATE INDEX renovation_operations_by_file ON renovation_operations (file_id);

        -- Cités of a published reference list (UNESCO property, ERBM), as loaded by
        -- `observatoire cites references`: one row per feature.
        CREATE TABLE cite_references (
            list_id      TEXT NOT NULL,
            position     INTEGER NOT NULL,
            ref_id       TEXT,
            nom          TEXT NOT NULL,
            type         TEXT,
            compagnie    TEXT,
            interet      TEXT,
            proprietaire TEXT,
            geography    INTEGER NOT NULL,
            path         TEXT NOT NULL,
            run_id       INTEGER REFERENCES runs,
            PRIMARY KEY (list_id, position)
        ) WITHOUT ROWID;

        -- The commune names of a reference cité and the code each matched in the
        -- geography; `com` is NULL and `reason` says why when a name matched none or several.
        CREATE TABLE cite_reference_communes (
            list_id  TEXT NOT NULL,
            position INTEGER NOT NULL,
            rank     INTEGER NOT NULL,
            name     TEXT NOT NULL,
            com      TEXT,
            reason   TEXT,
            CHECK ((com IS NULL) = (reason IS NOT NULL)),
            PRIMARY KEY (list_id, position, rank)
        ) WITHOUT ROWID;

        -- Progress of a renovation programme against its target (pipelines/programmes.yaml),
        -- replaced at each `renovation progress`: per breakdown (total, epci, bailleur) and
        -- year; the row with year NULL holds the whole period.
        CREATE TABLE report_renovation_progress (
            programme               TEXT NOT NULL,
            within                  TEXT NOT NULL,
            breakdown               TEXT NOT NULL CHECK (breakdown IN ('total', 'epci', 'bailleur')),
            group_code              TEXT NOT NULL,
            year                    INTEGER,
            logements_engages       REAL NOT NULL,
            logements_livres        REAL NOT NULL,
            cumul_engages           REAL NOT NULL,
            cumul_livres            REAL NOT NULL,
            part_objectif_engages   REAL,
            part_objectif_livres    REAL,
            cout_par_logement       REAL,
            classes_gagnees         REAL,
            part_sortie_efg         REAL,
            cites_unesco            INTEGER,
            cites_unesco_traitees   INTEGER,
            part_unesco_traitees    REAL,
            run_id                  INTEGER REFERENCES runs
        );
        CREATE UNIQUE INDEX report_renovation_progress_key
            ON report_renovation_progress (programme, within, breakdown, group_code, coalesce(year, 0));

        -- The cités priority ranking of the last `cites rank` (pipelines/cites-priorite.yaml).
        CREATE TABLE report_cites_priority (
            rank              INTEGER PRIMARY KEY,
            id_cite           TEXT NOT NULL,
            nom               TEXT NOT NULL,
            epci              TEXT,
            logements         INTEGER,
            score_social      REAL,
            score_patrimonial REAL,
            score             REAL,
            classe            TEXT NOT NULL CHECK (classe IN ('enjeux social et patrimonial forts', 'enjeu social fort',
                                                              'enjeu patrimonial fort', 'autres')),
            manquants         TEXT,
            selection         INTEGER CHECK (selection IN (0, 1)),
            cumul_logements   INTEGER,
            run_id            INTEGER REFERENCES runs
        );
        """
}
