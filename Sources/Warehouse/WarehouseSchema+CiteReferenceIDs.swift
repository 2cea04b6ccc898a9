extension WarehouseSchema {
    /// Migration 009: what `cites compare` matches the inventory with the published lists
    /// by — the identifiers an inventory gives its cités in those lists, and the other
    /// names a list gives a cité (ERBM's `nom_2`).
    static let citeReferenceIDs = """
        -- The identifier of a cité of an inventory in a published list (column `references`,
        -- `unesco:15D|erbm:776`): one row per list.
        CREATE TABLE cite_reference_ids (
            file_id INTEGER NOT NULL REFERENCES files ON DELETE CASCADE,
            id_cite TEXT NOT NULL,
            list_id TEXT NOT NULL,
            ref_id  TEXT NOT NULL,
            PRIMARY KEY (file_id, id_cite, list_id)
        ) WITHOUT ROWID;

        -- Another name of the cité in the list (ERBM's nom_2), NULL when none.
        ALTER TABLE cite_references ADD COLUMN nom_2 TEXT;
        """
}
