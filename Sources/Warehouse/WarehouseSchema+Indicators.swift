extension WarehouseSchema {
    /// Migration 003: indicator definitions as computed, and their values at every level.
    static let indicators = """
        -- The definitions used by the last `compute`, as declared in pipelines/indicators.
        CREATE TABLE indicators (
            indicator_id TEXT PRIMARY KEY,
            label        TEXT NOT NULL,
            theme        TEXT,
            unit         TEXT NOT NULL,
            aggregation  TEXT NOT NULL,
            formula      TEXT NOT NULL,
            sources      TEXT,
            notes        TEXT
        );

        -- One value per indicator × territory × period of one geography. `method` says how
        -- it was obtained (published, computed from the commune's own components, sum or
        -- ratio of sums over communes, weighted-mean estimate); `estimate` = 1 when it is
        -- not exact; `coverage` is the share of the population of the territory whose
        -- communes contributed; `derived` keeps the value derived from communes where a
        -- published one wins, for reconciliation.
        CREATE TABLE indicator_values (
            geography    INTEGER NOT NULL,
            indicator_id TEXT NOT NULL REFERENCES indicators ON DELETE CASCADE,
            territory    TEXT NOT NULL,
            period       TEXT NOT NULL,
            value        REAL,
            status       TEXT NOT NULL CHECK (status IN ('ok', 'secret', 'missing', 'not-applicable')),
            coverage     REAL CHECK (coverage BETWEEN 0 AND 1),
            numerator    REAL,
            denominator  REAL,
            estimate     INTEGER NOT NULL DEFAULT 0 CHECK (estimate IN (0, 1)),
            method       TEXT NOT NULL,
            derived      REAL,
            run_id       INTEGER REFERENCES runs,
            CHECK ((status = 'ok') = (value IS NOT NULL)),
            PRIMARY KEY (geography, indicator_id, territory, period)
        ) WITHOUT ROWID;
        CREATE INDEX indicator_values_by_territory ON indicator_values (geography, territory);

        -- The files each indicator was computed from, per geography.
        CREATE TABLE indicator_sources (
            geography    INTEGER NOT NULL,
            indicator_id TEXT NOT NULL REFERENCES indicators ON DELETE CASCADE,
            file_id      INTEGER NOT NULL REFERENCES files ON DELETE CASCADE,
            PRIMARY KEY (geography, indicator_id, file_id)
        ) WITHOUT ROWID;

        CREATE VIEW v_indicator_values AS
        SELECT v.indicator_id, t.code AS territory_code, t.level AS territory_level, t.name AS territory_name,
               v.period, v.value, v.status, v.coverage, v.numerator, v.denominator,
               v.estimate, i.unit, v.method, v.geography, v.territory
        FROM indicator_values v
        JOIN indicators i USING (indicator_id)
        LEFT JOIN territories t ON t.geography = v.geography AND t.territory = v.territory;
        """
}
