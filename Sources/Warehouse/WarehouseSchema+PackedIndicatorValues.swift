extension WarehouseSchema {
    /// Migration 014: indicator values stored packed, one row per territory, as observations
    /// are since 012; `indicator_values` becomes a view with the same columns and rows.
    ///
    /// All of France is 3.9 million values: SQLite spent about a microsecond on each row,
    /// then sorted them all again into the index by territory, three quarters of
    /// `compute`. Packed, it is 36,000 rows. The tables behind the view:
    /// - `indicator_slots`: the indicator and period of each position of a geography's
    ///   packed rows;
    /// - `indicator_methods`: each distinct method of a geography, written once (3.2
    ///   million values of France say `commune components`);
    /// - `indicator_rows`: one row per territory, `cells` a JSON array whose n-th element
    ///   is the cell of slot n, `null` where the territory has none. A cell is itself an
    ///   array: `[value, method, numerator, denominator, coverage, estimate, derived, flags]`,
    ///   `value` a number when the status is `ok`, else the status as text, `method` a
    ///   `method_id`, trailing nulls left out (`[12.5,0,125,1000]`).
    ///
    /// A query on one territory reads its row alone; one on an indicator unpacks every row
    /// of the geography (about a second for all of France).
    static let packedIndicatorValues = """
        DROP VIEW v_indicator_values;
        DROP VIEW v_reconciliation;
        ALTER TABLE indicator_values RENAME TO indicator_values_013;

        CREATE TABLE indicator_slots (
            geography    INTEGER NOT NULL,
            slot         INTEGER NOT NULL,
            indicator_id TEXT NOT NULL REFERENCES indicators ON DELETE CASCADE,
            period       TEXT NOT NULL,
            PRIMARY KEY (geography, slot),
            UNIQUE (geography, indicator_id, period)
        ) WITHOUT ROWID;

        CREATE TABLE indicator_methods (
            geography INTEGER NOT NULL,
            method_id INTEGER NOT NULL,
            method    TEXT NOT NULL,
            PRIMARY KEY (geography, method_id),
            UNIQUE (geography, method)
        ) WITHOUT ROWID;

        CREATE TABLE indicator_rows (
            geography INTEGER NOT NULL,
            territory TEXT NOT NULL,
            cells     TEXT NOT NULL,
            run_id    INTEGER REFERENCES runs,
            PRIMARY KEY (geography, territory)
        );

        INSERT INTO indicator_slots (geography, slot, indicator_id, period)
        SELECT geography, row_number() OVER (PARTITION BY geography ORDER BY indicator_id, period) - 1, indicator_id, period
        FROM (SELECT DISTINCT geography, indicator_id, period FROM indicator_values_013);
        INSERT INTO indicator_methods (geography, method_id, method)
        SELECT geography, row_number() OVER (PARTITION BY geography ORDER BY method) - 1, method
        FROM (SELECT DISTINCT geography, method FROM indicator_values_013);
        INSERT INTO indicator_rows (geography, territory, cells, run_id)
        SELECT geography, territory, json_group_array(json(cell)), max(run_id)
        FROM (
            SELECT t.geography, t.territory, s.slot, c.cell, c.run_id
            FROM (SELECT DISTINCT geography, territory FROM indicator_values_013) t
            JOIN indicator_slots s ON s.geography = t.geography
            LEFT JOIN (SELECT x.geography, v.territory, x.slot, v.run_id,
                              json_array(CASE WHEN v.status = 'ok' THEN \(exact("v.value")) ELSE v.status END, m.method_id,
                                         \(exact("v.numerator")), \(exact("v.denominator")), \(exact("v.coverage")), v.estimate,
                                         \(exact("v.derived")), v.flags) AS cell
                       FROM indicator_values_013 v
                       JOIN indicator_slots x ON x.geography = v.geography AND x.indicator_id = v.indicator_id AND x.period = v.period
                       JOIN indicator_methods m ON m.geography = v.geography AND m.method = v.method) c
              ON c.geography = t.geography AND c.territory = t.territory AND c.slot = s.slot
            ORDER BY t.geography, t.territory, s.slot
        )
        GROUP BY geography, territory;
        DROP TABLE indicator_values_013;

        \(unpackedIndicatorValues)
        \(indicatorValuesView)
        \(reconciliationView)
        """

    /// A REAL column as a JSON number that reads back as the same double: `json_array`
    /// writes 15 significant digits (0.30000000000000004 became 0.3), 17 always suffice.
    private static func exact(_ column: String) -> String {
        "CASE WHEN \(column) IS NOT NULL THEN json(printf('%!.17g', \(column))) END"
    }

    /// `indicator_values` as the table of migrations 003 to 013 was: its columns, in its
    /// order. Each cell finds its slot and method by primary key (`CROSS JOIN` keeps that
    /// order), so that a `WHERE` on the territory reads one packed row.
    static let unpackedIndicatorValues = """
        CREATE VIEW indicator_values AS
        SELECT r.geography, s.indicator_id, r.territory, s.period,
               CASE WHEN typeof(c.value ->> 0) IN ('integer', 'real') THEN CAST(c.value ->> 0 AS REAL) END AS value,
               CASE WHEN typeof(c.value ->> 0) = 'text' THEN c.value ->> 0 ELSE 'ok' END AS status,
               CAST(c.value ->> 4 AS REAL) AS coverage,
               CAST(c.value ->> 2 AS REAL) AS numerator,
               CAST(c.value ->> 3 AS REAL) AS denominator,
               coalesce(c.value ->> 5, 0) AS estimate,
               m.method,
               CAST(c.value ->> 6 AS REAL) AS derived,
               r.run_id,
               c.value ->> 7 AS flags
        FROM indicator_rows r
        CROSS JOIN json_each(r.cells) c
        CROSS JOIN indicator_slots s ON s.geography = r.geography AND s.slot = c.key
        CROSS JOIN indicator_methods m ON m.geography = r.geography AND m.method_id = c.value ->> 1
        WHERE c.type = 'array';
        """
}
