extension WarehouseSchema {
    /// Migration 015: what makes a figure no more certain than it is.
    ///
    /// - `territories` says how many communes a territory has in the geography
    ///   (`communes`) and in full (`communes_expected`, from the references: the EPCI list's
    ///   count, the counts INSEE publishes per département and région, the COG), and which
    ///   reference gave the full count (`communes_basis`).
    /// - An indicator cell may keep a value its status does not let out as a fact: a
    ///   `partial` value (a territory with members missing) is a value all the same; an
    ///   `insufficient-coverage` or `small-count` one is kept in `unpublished_value`, never in
    ///   `value`. Both sit at position 8 of the cell, after the flags.
    /// - `estimated_share` (position 9): the share of an estimate's weight that was not
    ///   observed but imputed or extrapolated.
    /// - `report_portrait` takes the new statuses (a constraint is changed by rebuilding).
    /// - `indicators.decimals`: the digits a figure is shown with, for workbooks.
    static let completeness = """
        CREATE TABLE report_portrait_015 (
            geography        INTEGER NOT NULL,
            territory        TEXT NOT NULL,
            section          TEXT NOT NULL,
            indicator_id     TEXT NOT NULL,
            period           TEXT NOT NULL,
            value            REAL,
            status           TEXT NOT NULL CHECK (status IN ('ok', 'partial', 'insufficient-coverage', 'small-count', 'secret',
                                                             'missing', 'not-applicable')),
            reference_values TEXT NOT NULL,
            evolution        REAL,
            rank             INTEGER,
            rank_of          INTEGER,
            rank_scope       TEXT,
            run_id           INTEGER REFERENCES runs,
            CHECK ((status IN ('ok', 'partial')) = (value IS NOT NULL)),
            PRIMARY KEY (geography, territory, indicator_id, period)
        ) WITHOUT ROWID;
        INSERT INTO report_portrait_015 SELECT * FROM report_portrait;
        DROP TABLE report_portrait;
        ALTER TABLE report_portrait_015 RENAME TO report_portrait;

        ALTER TABLE indicators ADD COLUMN decimals INTEGER;
        ALTER TABLE territories ADD COLUMN communes INTEGER;
        ALTER TABLE territories ADD COLUMN communes_expected INTEGER;
        ALTER TABLE territories ADD COLUMN communes_basis TEXT;

        DROP VIEW v_indicator_values;
        DROP VIEW v_reconciliation;
        DROP VIEW indicator_values;

        CREATE VIEW indicator_values AS
        SELECT r.geography, s.indicator_id, r.territory, s.period,
               CASE WHEN typeof(c.value ->> 0) IN ('integer', 'real') THEN CAST(c.value ->> 0 AS REAL)
                    WHEN c.value ->> 0 = 'partial' THEN CAST(c.value ->> 8 AS REAL) END AS value,
               CASE WHEN typeof(c.value ->> 0) = 'text' THEN c.value ->> 0 ELSE 'ok' END AS status,
               CAST(c.value ->> 4 AS REAL) AS coverage,
               CAST(c.value ->> 2 AS REAL) AS numerator,
               CAST(c.value ->> 3 AS REAL) AS denominator,
               coalesce(c.value ->> 5, 0) AS estimate,
               m.method,
               CAST(c.value ->> 6 AS REAL) AS derived,
               r.run_id,
               c.value ->> 7 AS flags,
               CASE WHEN c.value ->> 0 IN ('insufficient-coverage', 'small-count') THEN CAST(c.value ->> 8 AS REAL) END
                   AS unpublished_value,
               CAST(c.value ->> 9 AS REAL) AS estimated_share
        FROM indicator_rows r
        CROSS JOIN json_each(r.cells) c
        CROSS JOIN indicator_slots s ON s.geography = r.geography AND s.slot = c.key
        CROSS JOIN indicator_methods m ON m.geography = r.geography AND m.method_id = c.value ->> 1
        WHERE c.type = 'array';

        CREATE VIEW v_indicator_values AS
        SELECT v.indicator_id, t.code AS territory_code, t.level AS territory_level, t.name AS territory_name,
               v.period, v.value, v.status, v.coverage, v.numerator, v.denominator,
               v.estimate, i.unit, v.method, v.geography, v.territory, v.flags,
               v.unpublished_value, v.estimated_share, t.communes AS territory_communes,
               t.communes_expected AS territory_communes_expected
        FROM indicator_values v
        JOIN indicators i USING (indicator_id)
        LEFT JOIN territories t ON t.geography = v.geography AND t.territory = v.territory;

        \(reconciliationView)

        CREATE VIEW v_territory_completeness AS
        SELECT geography, territory, level, name, communes, communes_expected, communes_basis,
               CASE WHEN communes_expected > 0 THEN CAST(communes AS REAL) / communes_expected END AS completeness
        FROM territories WHERE level NOT IN ('COM', 'ARM');
        """
}
