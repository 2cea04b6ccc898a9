extension WarehouseSchema {
    /// Migration 013: `indicator_values` with the same columns, key, index, constraints and
    /// rows, its status checked by comparisons instead of `IN (…)`.
    ///
    /// SQLite 3.40 evaluates a CHECK `status IN ('ok', 'secret', 'missing',
    /// 'not-applicable')` through a temporary index probed for every row written: a
    /// microsecond a row, four of the fourteen seconds the sqlite3 shell itself takes to
    /// insert the 3.9 million values of all of France. The same test written as `=` … `OR`
    /// costs nothing measurable. SQLite cannot change a constraint in place: the table is
    /// rebuilt, and the views reading it with it.
    static let indicatorValueChecks = """
        DROP VIEW v_indicator_values;
        DROP VIEW v_reconciliation;

        CREATE TABLE indicator_values_013 (
            geography    INTEGER NOT NULL,
            indicator_id TEXT NOT NULL REFERENCES indicators ON DELETE CASCADE,
            territory    TEXT NOT NULL,
            period       TEXT NOT NULL,
            value        REAL,
            status       TEXT NOT NULL CHECK (status = 'ok' OR status = 'secret' OR status = 'missing' OR status = 'not-applicable'),
            coverage     REAL CHECK (coverage BETWEEN 0 AND 1),
            numerator    REAL,
            denominator  REAL,
            estimate     INTEGER NOT NULL DEFAULT 0 CHECK (estimate = 0 OR estimate = 1),
            method       TEXT NOT NULL,
            derived      REAL,
            run_id       INTEGER REFERENCES runs,
            flags        TEXT,
            CHECK ((status = 'ok') = (value IS NOT NULL)),
            PRIMARY KEY (geography, indicator_id, territory, period)
        ) WITHOUT ROWID;
        INSERT INTO indicator_values_013 SELECT geography, indicator_id, territory, period, value, status, coverage, numerator,
            denominator, estimate, method, derived, run_id, flags FROM indicator_values;
        DROP TABLE indicator_values;
        ALTER TABLE indicator_values_013 RENAME TO indicator_values;
        CREATE INDEX indicator_values_by_territory ON indicator_values (geography, territory);

        \(indicatorValuesView)
        \(reconciliationView)
        """
}
