import GRDB

/// The warehouse schema, built only by numbered migrations. Table and view names are a
/// public interface (documented in docs/warehouse.md): never rename, only add.
public enum WarehouseSchema {
    /// The migrations in order: an identifier, applied once, and the SQL it runs.
    private static let migrations: [(id: String, sql: String)] = [
        ("001-foundation", foundation),
        ("002-geography", geography),
        ("003-indicators", indicators),
        ("004-known-issues-reconciliation", knownIssuesAndReconciliation),
        ("005-reports", reports),
        ("006-operations", operations),
        ("007-cites", cites),
        ("008-observations-bulk-load", observationsForBulkLoad),
        ("009-cite-reference-ids", citeReferenceIDs),
        ("010-diagnostics", diagnostics),
        ("011-normalised-observations-bulk-load", normalisedObservationsForBulkLoad),
        ("012-packed-rows", packedRows),
        ("013-indicator-value-checks", indicatorValueChecks),
        ("014-packed-indicator-values", packedIndicatorValues),
        ("015-completeness", completeness),
        ("016-history", history),
        ("017-contours", contours),
        ("018-cite-shapes", citeShapes),
    ]

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in migrations {
            let sql = migration.sql
            migrator.registerMigration(migration.id) { db in try db.execute(sql: sql) }
        }
        return migrator
    }

    /// Typed reference tables a source may load into, with the columns it may fill.
    /// Loaders check names against this list: no identifier comes from a file unchecked.
    public static let referenceTables: [String: [String]] = [
        "cog_communes": ["vintage", "typecom", "com", "reg", "dep", "ctcd", "arr", "tncc", "ncc", "nccenr", "libelle", "can", "comparent"],
        "cog_mouvements": ["vintage", "mod", "date_eff", "typecom_av", "com_av", "tncc_av", "ncc_av", "nccenr_av", "libelle_av",
                           "typecom_ap", "com_ap", "tncc_ap", "ncc_ap", "nccenr_ap", "libelle_ap"],
        "cog_departements": ["vintage", "dep", "reg", "cheflieu", "tncc", "ncc", "nccenr", "libelle"],
        "cog_regions": ["vintage", "reg", "cheflieu", "tncc", "ncc", "nccenr", "libelle"],
        "cog_arrondissements": ["vintage", "arr", "dep", "reg", "cheflieu", "tncc", "ncc", "nccenr", "libelle"],
        "epci_composition": ["vintage", "epci", "epci_name", "nature", "com", "com_name", "dep"],
        "epci_list": ["vintage", "epci", "epci_name", "nature", "nb_com"],
        "cites": ["id_cite", "nom", "epci", "unesco", "logements", "part_ayants_droit", "revenu_median_uc", "etat_bati",
                  "qualite_architecturale"],
        "cite_communes": ["id_cite", "com"],
        "cite_bailleurs": ["id_cite", "bailleur", "logements"],
        "cite_reference_ids": ["id_cite", "list_id", "ref_id"],
        "renovation_operations": ["id_operation", "id_cite", "programme", "logements", "date_engagement", "date_debut",
                                  "date_livraison", "cout_ttc", "etiquette_avant", "etiquette_apres", "statut"],
        "variable_dictionary": ["code", "label", "long_label", "modality_code", "modality_label", "type", "length", "theme", "source_text"],
    ]

    private static let foundation = """
        CREATE TABLE runs (
            run_id      INTEGER PRIMARY KEY,
            command     TEXT NOT NULL,
            started_at  TEXT NOT NULL,
            finished_at TEXT,
            status      TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'rejections', 'failed')),
            message     TEXT
        );

        CREATE TABLE sources (
            source_id   TEXT PRIMARY KEY,
            label       TEXT NOT NULL,
            publisher   TEXT,
            url         TEXT,
            kind        TEXT NOT NULL
        );

        CREATE TABLE files (
            file_id       INTEGER PRIMARY KEY,
            run_id        INTEGER NOT NULL REFERENCES runs,
            source_id     TEXT NOT NULL REFERENCES sources,
            vintage       TEXT NOT NULL,
            name          TEXT NOT NULL,
            path          TEXT NOT NULL,
            sha256        TEXT NOT NULL,
            size_bytes    INTEGER NOT NULL,
            encoding      TEXT NOT NULL,
            delimiter     TEXT NOT NULL,
            rows_read     INTEGER NOT NULL DEFAULT 0,
            rows_loaded   INTEGER NOT NULL DEFAULT 0,
            rows_rejected INTEGER NOT NULL DEFAULT 0,
            repairs       TEXT,
            loaded_at     TEXT NOT NULL,
            seconds       REAL,
            status        TEXT NOT NULL DEFAULT 'current' CHECK (status IN ('current', 'replaced')),
            replaced_by   INTEGER REFERENCES files
        );
        CREATE UNIQUE INDEX files_current_identity ON files (source_id, vintage, name) WHERE status = 'current';
        CREATE INDEX files_by_sha256 ON files (sha256);

        CREATE TABLE rejected_rows (
            file_id     INTEGER NOT NULL REFERENCES files ON DELETE CASCADE,
            line        INTEGER NOT NULL,
            column_name TEXT,
            value       TEXT,
            reason      TEXT NOT NULL
        );
        CREATE INDEX rejected_rows_by_file ON rejected_rows (file_id, line);

        CREATE TABLE variables (
            variable_id INTEGER PRIMARY KEY,
            source_id   TEXT NOT NULL REFERENCES sources,
            code        TEXT NOT NULL,
            period      TEXT NOT NULL,
            label       TEXT,
            UNIQUE (source_id, code)
        );

        CREATE TABLE observations (
            file_id         INTEGER NOT NULL REFERENCES files ON DELETE CASCADE,
            territory_code  TEXT NOT NULL,
            variable_id     INTEGER NOT NULL REFERENCES variables,
            territory_level TEXT NOT NULL,
            value           REAL,
            status          TEXT NOT NULL CHECK (status IN ('ok', 'secret', 'missing', 'not-applicable')),
            CHECK ((status = 'ok') = (value IS NOT NULL)),
            PRIMARY KEY (file_id, territory_code, variable_id)
        ) WITHOUT ROWID;
        CREATE INDEX observations_by_variable ON observations (variable_id, territory_code);

        CREATE TABLE cog_communes (
            file_id   INTEGER NOT NULL REFERENCES files ON DELETE CASCADE,
            vintage   TEXT NOT NULL,
            typecom   TEXT NOT NULL,
            com       TEXT NOT NULL,
            reg       TEXT, dep TEXT, ctcd TEXT, arr TEXT, tncc INTEGER,
            ncc       TEXT, nccenr TEXT, libelle TEXT, can TEXT, comparent TEXT
        );
        CREATE INDEX cog_communes_by_code ON cog_communes (vintage, com);
        CREATE INDEX cog_communes_by_file ON cog_communes (file_id);

        CREATE TABLE cog_mouvements (
            file_id    INTEGER NOT NULL REFERENCES files ON DELETE CASCADE,
            vintage    TEXT NOT NULL,
            mod        INTEGER NOT NULL,
            date_eff   TEXT NOT NULL,
            typecom_av TEXT, com_av TEXT, tncc_av INTEGER, ncc_av TEXT, nccenr_av TEXT, libelle_av TEXT,
            typecom_ap TEXT, com_ap TEXT NOT NULL, tncc_ap INTEGER, ncc_ap TEXT, nccenr_ap TEXT, libelle_ap TEXT
        );
        CREATE INDEX cog_mouvements_by_file ON cog_mouvements (file_id);

        CREATE TABLE cog_departements (
            file_id INTEGER NOT NULL REFERENCES files ON DELETE CASCADE,
            vintage TEXT NOT NULL, dep TEXT NOT NULL, reg TEXT, cheflieu TEXT, tncc INTEGER, ncc TEXT, nccenr TEXT, libelle TEXT
        );
        CREATE INDEX cog_departements_by_file ON cog_departements (file_id);

        CREATE TABLE cog_regions (
            file_id INTEGER NOT NULL REFERENCES files ON DELETE CASCADE,
            vintage TEXT NOT NULL, reg TEXT NOT NULL, cheflieu TEXT, tncc INTEGER, ncc TEXT, nccenr TEXT, libelle TEXT
        );
        CREATE INDEX cog_regions_by_file ON cog_regions (file_id);

        CREATE TABLE cog_arrondissements (
            file_id INTEGER NOT NULL REFERENCES files ON DELETE CASCADE,
            vintage TEXT NOT NULL, arr TEXT NOT NULL, dep TEXT, reg TEXT, cheflieu TEXT, tncc INTEGER, ncc TEXT, nccenr TEXT, libelle TEXT
        );
        CREATE INDEX cog_arrondissements_by_file ON cog_arrondissements (file_id);

        CREATE TABLE variable_dictionary (
            file_id        INTEGER NOT NULL REFERENCES files ON DELETE CASCADE,
            code           TEXT NOT NULL,
            label          TEXT,
            long_label     TEXT,
            modality_code  TEXT,
            modality_label TEXT,
            type           TEXT,
            length         TEXT,
            theme          TEXT,
            source_text    TEXT
        );
        CREATE INDEX variable_dictionary_by_code ON variable_dictionary (code);
        CREATE INDEX variable_dictionary_by_file ON variable_dictionary (file_id);

        -- Variables with their label: the source's own, else the first INSEE dictionary entry.
        CREATE VIEW v_variables AS
        SELECT v.variable_id, v.source_id, v.code AS variable, v.period,
               COALESCE(v.label,
                        (SELECT d.label FROM variable_dictionary d
                         WHERE d.code = v.code AND COALESCE(d.modality_code, '') = ''
                         ORDER BY d.file_id DESC LIMIT 1)) AS label
        FROM variables v;

        \(observationsView)

        -- Files currently loaded, with the run that loaded them.
        CREATE VIEW v_files AS
        SELECT f.file_id, f.source_id, f.vintage, f.name, f.path, f.sha256, f.size_bytes, f.encoding,
               f.rows_read, f.rows_loaded, f.rows_rejected, f.repairs, f.loaded_at, f.seconds, f.run_id
        FROM files f WHERE f.status = 'current';
        """

    /// Observations in long form, one row per territory × variable × period.
    static let observationsView = """
        CREATE VIEW v_observations AS
        SELECT v.source_id, v.code AS variable, o.territory_code, o.territory_level, v.period,
               o.value, o.status, o.file_id
        FROM observations o JOIN variables v USING (variable_id);
        """

    /// `observations` rebuilt without declared foreign keys. A multi-row INSERT into a table
    /// whose foreign keys could stop it half-way writes a statement journal (a temporary
    /// file, every page it touches); ingest writes thousands of rows per statement. The file
    /// and variable of each row exist by construction (the loaders create them first, and
    /// files are never deleted, their rows are: FileJournal.deleteRows); a test checks it.
    private static let observationsForBulkLoad = """
        DROP VIEW v_observations;
        CREATE TABLE observations_rebuilt (
            file_id         INTEGER NOT NULL,
            territory_code  TEXT NOT NULL,
            variable_id     INTEGER NOT NULL,
            territory_level TEXT NOT NULL,
            value           REAL,
            status          TEXT NOT NULL CHECK (status IN ('ok', 'secret', 'missing', 'not-applicable')),
            CHECK ((status = 'ok') = (value IS NOT NULL)),
            PRIMARY KEY (file_id, territory_code, variable_id)
        ) WITHOUT ROWID;
        INSERT INTO observations_rebuilt (file_id, territory_code, variable_id, territory_level, value, status)
        SELECT file_id, territory_code, variable_id, territory_level, value, status FROM observations;
        DROP TABLE observations;
        ALTER TABLE observations_rebuilt RENAME TO observations;
        CREATE INDEX observations_by_variable ON observations (variable_id, territory_code);
        \(observationsView)
        """

    /// Bulk writes of `normalise`, as 008 did for ingest's:
    /// - `normalised_observations` rebuilt without declared foreign keys: two lookups per
    ///   row and a statement journal for an `INSERT … SELECT` of millions of rows. Its files
    ///   and variables exist by construction (normalise reads them from `observations`), and
    ///   FileJournal.deleteRows deletes a file's normalised rows with its other rows.
    /// - the raw observations lose their index by variable: no stage reads them by variable
    ///   (normalise reads a file's rows in key order), and keeping it up to date was 40 % of
    ///   ingest's time on a wide file, one random insert per value. Queries by variable go
    ///   to `v_normalised`, which `normalised_by_variable` serves.
    /// - `normalised_by_variable` also holds the value and status (it already holds the
    ///   file, part of the key): compute reads a variable on every territory from the index
    ///   alone, without one lookup into the table per territory (its reads went from 11 s to
    ///   2.5 s on all of France with 400 census variables).
    private static let normalisedObservationsForBulkLoad = """
        DROP INDEX observations_by_variable;
        DROP VIEW v_normalised;
        CREATE TABLE normalised_observations_rebuilt (
            geography   INTEGER NOT NULL,
            file_id     INTEGER NOT NULL,
            territory   TEXT NOT NULL,
            variable_id INTEGER NOT NULL,
            value       REAL,
            status      TEXT NOT NULL CHECK (status IN ('ok', 'secret', 'missing', 'not-applicable')),
            conversion  TEXT,
            CHECK ((status = 'ok') = (value IS NOT NULL)),
            PRIMARY KEY (geography, file_id, territory, variable_id)
        ) WITHOUT ROWID;
        INSERT INTO normalised_observations_rebuilt (geography, file_id, territory, variable_id, value, status, conversion)
        SELECT geography, file_id, territory, variable_id, value, status, conversion FROM normalised_observations;
        DROP TABLE normalised_observations;
        ALTER TABLE normalised_observations_rebuilt RENAME TO normalised_observations;
        \(normalisedByVariableIndex);
        \(normalisedView)
        """

    /// The index compute read normalised observations through, as migration 011 made it
    /// (012 keeps it, on the renamed table: `normalisedValuesByVariable`).
    private static let normalisedByVariableIndex = """
        CREATE INDEX normalised_by_variable ON normalised_observations (geography, variable_id, territory, value, status)
        """
}
