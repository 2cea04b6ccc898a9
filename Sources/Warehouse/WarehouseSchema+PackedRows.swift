extension WarehouseSchema {
    /// Migration 012: a wide file is stored as published, one row per territory with its
    /// cells in one JSON array, instead of one row per value.
    ///
    /// SQLite spends about a microsecond on every row it writes, whatever the row holds:
    /// the dossier complet (35,000 communes × 1,900 variables) was 67 million rows to
    /// ingest, 67 million again to normalise, where the sqlite3 shell writes 35,000.
    ///
    /// `observations` and `normalised_observations` keep their columns and meaning, as
    /// views: one row per territory × variable, unpacked with `json_each`. The tables
    /// behind them:
    /// - `observation_values`: values written one by one (files of values in long form),
    ///   the former `observations` table;
    /// - `observation_rows` + `file_columns`: wide files, one row per territory, the n-th
    ///   cell being the value of the file's n-th column (a number, or its status as text);
    ///   the aggregates of a diagnostics file, one row per commune, a JSON object of the
    ///   cells it has keyed by slot (a few hundred of the file's thousands of columns);
    /// - `normalised_values`: values normalise converted (merged, split, rolled-up
    ///   communes, supra-communal levels, files of values), the former table;
    /// - `normalised_rows`: a row of `observation_rows` carried as it is onto a commune of
    ///   the geography (the same commune, or its new code), without copying its cells.
    static let packedRows = """
        DROP VIEW v_observations;
        DROP VIEW v_normalised;
        ALTER TABLE observations RENAME TO observation_values;
        ALTER TABLE normalised_observations RENAME TO normalised_values;

        CREATE TABLE file_columns (
            file_id     INTEGER NOT NULL,
            slot        INTEGER NOT NULL,
            variable_id INTEGER NOT NULL,
            PRIMARY KEY (file_id, slot)
        ) WITHOUT ROWID;
        CREATE INDEX file_columns_by_variable ON file_columns (variable_id);

        CREATE TABLE observation_rows (
            file_id         INTEGER NOT NULL,
            territory_code  TEXT NOT NULL,
            territory_level TEXT NOT NULL,
            cells           TEXT NOT NULL,
            UNIQUE (file_id, territory_code)
        );

        CREATE TABLE normalised_rows (
            geography      INTEGER NOT NULL,
            file_id        INTEGER NOT NULL,
            territory      TEXT NOT NULL,
            territory_code TEXT NOT NULL,
            conversion     TEXT,
            PRIMARY KEY (geography, file_id, territory)
        ) WITHOUT ROWID;

        CREATE VIEW observations AS
        SELECT file_id, territory_code, variable_id, territory_level, value, status FROM observation_values
        UNION ALL
        \(unpackedRows);

        CREATE VIEW normalised_observations AS
        SELECT geography, file_id, territory, variable_id, value, status, conversion FROM normalised_values
        UNION ALL
        SELECT n.geography, n.file_id, n.territory, c.variable_id, \(cellValue), \(cellStatus), n.conversion
        FROM normalised_rows n
        JOIN observation_rows r ON r.file_id = n.file_id AND r.territory_code = n.territory_code
        CROSS JOIN json_each(r.cells) j
        CROSS JOIN file_columns c ON c.file_id = r.file_id AND c.slot = j.key;

        \(observationsView)
        \(normalisedView)
        """

    /// The rows of `observation_rows` in long form, with the columns of `observation_values`:
    /// callers add a `WHERE` on `r` (the packed row). Each cell finds its variable by its
    /// slot (`CROSS JOIN` keeps that order): the other way round, every column of the file
    /// would scan the whole row. A slot is an integer in an array, text in an object
    /// (`"12"`): the column's integer affinity compares both as numbers.
    public static let unpackedRows = """
        SELECT r.file_id, r.territory_code, c.variable_id, r.territory_level, \(cellValue), \(cellStatus)
        FROM observation_rows r CROSS JOIN json_each(r.cells) j
        CROSS JOIN file_columns c ON c.file_id = r.file_id AND c.slot = j.key
        """

    /// A cell of a packed row: a number is a value whose status is `ok`; text is the
    /// status of a cell that has no value.
    private static let cellValue = "CASE WHEN j.type IN ('integer', 'real') THEN CAST(j.atom AS REAL) END AS value"
    private static let cellStatus = "CASE WHEN j.type IN ('integer', 'real') THEN 'ok' ELSE j.atom END AS status"

    /// The index compute reads converted values through. `normalise` drops it while it
    /// writes and builds it again at the end, in one sort: inserting each row into it as
    /// written went to random pages of an index far larger than the page cache.
    public static let normalisedValuesByVariable = """
        CREATE INDEX normalised_by_variable ON normalised_values (geography, variable_id, territory, value, status)
        """
}
