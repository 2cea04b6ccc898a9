extension WarehouseSchema {
    /// Migration 006: the stages of pipeline runs, for incremental runs and `status`.
    static let operations = """
        -- One row per stage of an `observatoire run`: done, skipped (its inputs had not
        -- changed since the fingerprint of its last done run) or failed. `fingerprint` is a
        -- SHA-256 of the stage's inputs: files loaded, definitions, target geography.
        CREATE TABLE run_stages (
            run_id      INTEGER NOT NULL REFERENCES runs,
            stage       TEXT NOT NULL CHECK (stage IN ('ingest', 'normalise', 'compute')),
            status      TEXT NOT NULL CHECK (status IN ('done', 'skipped', 'failed')),
            geography   INTEGER,
            fingerprint TEXT,
            seconds     REAL,
            rows        INTEGER,
            warnings    INTEGER NOT NULL DEFAULT 0,
            message     TEXT,
            PRIMARY KEY (run_id, stage)
        ) WITHOUT ROWID;
        """
}
