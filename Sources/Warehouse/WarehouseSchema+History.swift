extension WarehouseSchema {
    /// Migration 016: what each compute replaced, and what it found implausible.
    ///
    /// A run that computes a geography again keeps, for every value it changes, adds or
    /// removes, the value as it was and the run that had computed it, so that nothing
    /// computed before is lost when a source is corrected; `compute` keeps the last runs'
    /// changes (`--keep-history`). `alerts` lists the values that break a data-quality rule
    /// of their indicator (plausible range, largest yearly change), with the files behind them.
    static let history = """
        -- The relative change under which a value counts as unchanged (run summaries, `diff`).
        ALTER TABLE indicators ADD COLUMN tolerance REAL;

        CREATE TABLE alerts (
            run_id       INTEGER NOT NULL REFERENCES runs,
            geography    INTEGER NOT NULL,
            indicator_id TEXT NOT NULL,
            territory    TEXT NOT NULL,
            period       TEXT NOT NULL,
            value        REAL NOT NULL,
            rule         TEXT NOT NULL CHECK (rule IN ('plausible-range', 'yearly-change')),
            detail       TEXT NOT NULL,
            files        TEXT,
            PRIMARY KEY (run_id, geography, indicator_id, territory, period, rule)
        ) WITHOUT ROWID;

        CREATE TABLE indicator_history (
            geography         INTEGER NOT NULL,
            run_id            INTEGER NOT NULL REFERENCES runs,
            indicator_id      TEXT NOT NULL,
            territory         TEXT NOT NULL,
            period            TEXT NOT NULL,
            change            TEXT NOT NULL CHECK (change IN ('added', 'changed', 'removed')),
            value             REAL,
            status            TEXT,
            unpublished_value REAL,
            coverage          REAL,
            method            TEXT,
            computed_run      INTEGER,
            PRIMARY KEY (geography, run_id, indicator_id, territory, period)
        ) WITHOUT ROWID;

        CREATE VIEW v_indicator_history AS
        SELECT h.geography, h.run_id, r.started_at, h.indicator_id, h.territory, t.name AS territory_name, h.period, h.change,
               h.value AS previous_value, h.status AS previous_status, h.unpublished_value AS previous_unpublished_value,
               h.coverage AS previous_coverage, h.method AS previous_method, h.computed_run,
               v.value, v.status, v.unpublished_value
        FROM indicator_history h
        JOIN runs r USING (run_id)
        LEFT JOIN territories t ON t.geography = h.geography AND t.territory = h.territory
        LEFT JOIN indicator_values v ON v.geography = h.geography AND v.territory = h.territory
             AND v.indicator_id = h.indicator_id AND v.period = h.period;
        """
}
