extension WarehouseSchema {
    /// Migration 005: report tables, what each portrait showed, for analysts to query.
    static let reports = """
        -- One row per indicator of the last portrait of a territory (replaced at each
        -- portrait): its value for the period shown, the values of the reference
        -- territories (JSON object territory → value, null when not ok), the change since
        -- the previous period (value − previous value, in the indicator's unit) and the
        -- rank among peers (1 = highest) with their number and scope (`COM in EPCI:…`).
        CREATE TABLE report_portrait (
            geography        INTEGER NOT NULL,
            territory        TEXT NOT NULL,
            section          TEXT NOT NULL,
            indicator_id     TEXT NOT NULL,
            period           TEXT NOT NULL,
            value            REAL,
            status           TEXT NOT NULL CHECK (status IN ('ok', 'secret', 'missing', 'not-applicable')),
            reference_values TEXT NOT NULL,
            evolution        REAL,
            rank             INTEGER,
            rank_of          INTEGER,
            rank_scope       TEXT,
            run_id           INTEGER REFERENCES runs,
            CHECK ((status = 'ok') = (value IS NOT NULL)),
            PRIMARY KEY (geography, territory, indicator_id, period)
        ) WITHOUT ROWID;
        """
}
