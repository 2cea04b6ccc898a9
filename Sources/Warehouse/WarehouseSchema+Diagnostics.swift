extension WarehouseSchema {
    /// Migration 010: one row per energy diagnostic, written only when asked
    /// (`ingest --keep-rows`); by default a diagnostics file is kept as counts.
    static let diagnostics = """
        -- Energy diagnostics as loaded (`ingest --keep-rows`): those counted, one row each,
        -- the replaced and rejected ones left out.
        CREATE TABLE diagnostics (
            file_id           INTEGER NOT NULL REFERENCES files ON DELETE CASCADE,
            line              INTEGER NOT NULL,
            number            TEXT NOT NULL,
            commune           TEXT NOT NULL,
            date              TEXT NOT NULL,
            label             TEXT NOT NULL CHECK (label IN ('A', 'B', 'C', 'D', 'E', 'F', 'G')),
            building_type     TEXT NOT NULL,
            construction_year INTEGER,
            consumption       REAL CHECK (consumption >= 0),
            PRIMARY KEY (file_id, number)
        ) WITHOUT ROWID;
        CREATE INDEX diagnostics_by_commune ON diagnostics (commune, date);
        """
}
