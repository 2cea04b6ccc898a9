extension WarehouseSchema {
    /// Migration 004: the known-issue register as applied, flags on indicator values, and
    /// the reconciliation of published supra-communal values with those derived from communes.
    static let knownIssuesAndReconciliation = """
        -- Known upstream errors (pipelines/known-issues.yaml) as applied by the last `compute`
        -- of a geography: `matched` observations concerned, NULL when the source is not loaded.
        CREATE TABLE known_issues (
            geography  INTEGER NOT NULL,
            issue_id   TEXT NOT NULL,
            source_id  TEXT NOT NULL,
            variables  TEXT NOT NULL,
            action     TEXT NOT NULL CHECK (action IN ('flag', 'drop', 'override')),
            reason     TEXT NOT NULL,
            notice     TEXT,
            matched    INTEGER,
            run_id     INTEGER REFERENCES runs,
            PRIMARY KEY (geography, issue_id)
        ) WITHOUT ROWID;

        -- The known issues of the source values an indicator value was computed from.
        ALTER TABLE indicator_values ADD COLUMN flags TEXT;

        DROP VIEW v_indicator_values;
        \(indicatorValuesView)

        -- Where a source publishes a value above the commune, that value wins; the value
        -- derived from the communes is kept beside it, and the gap is listed here.
        \(reconciliationView)
        """

    /// The views over `indicator_values`, as migration 004 made them and 013 makes them again.
    static let indicatorValuesView = """
        CREATE VIEW v_indicator_values AS
        SELECT v.indicator_id, t.code AS territory_code, t.level AS territory_level, t.name AS territory_name,
               v.period, v.value, v.status, v.coverage, v.numerator, v.denominator,
               v.estimate, i.unit, v.method, v.geography, v.territory, v.flags
        FROM indicator_values v
        JOIN indicators i USING (indicator_id)
        LEFT JOIN territories t ON t.geography = v.geography AND t.territory = v.territory;
        """

    static let reconciliationView = """
        CREATE VIEW v_reconciliation AS
        SELECT v.indicator_id, t.code AS territory_code, t.level AS territory_level, t.name AS territory_name, v.period,
               v.value AS published, v.derived, v.derived - v.value AS gap,
               CASE WHEN v.value != 0 THEN (v.derived - v.value) / abs(v.value) END AS relative_gap,
               i.unit, v.method, v.geography, v.territory
        FROM indicator_values v
        JOIN indicators i USING (indicator_id)
        LEFT JOIN territories t ON t.geography = v.geography AND t.territory = v.territory
        WHERE v.status = 'ok' AND v.derived IS NOT NULL;
        """
}
