import GRDB

/// Moves the observations of one file onto the communes of the target geography, in SQL,
/// through the passage table of the file's geography.
///
/// Additive counts are summed (weighted on splits). A value that is not additive
/// (median, rate) is kept only where its commune is unchanged or merely recoded;
/// elsewhere it becomes `missing` with the reason in `conversion`, never an average.
/// Statuses survive: one secret part makes the sum secret, so no withheld value can be
/// recovered by subtraction.
///
/// A merged commune is complete only when the file has every part of it — except for the
/// counts of a `diagnostics` source (DPE): they are written only when not zero, so a part
/// without a count had none, and the counts present are the whole sum.
struct ObservationConverter {
    let target: Int

    /// Worst status first: the status of a sum is the worst of its parts.
    private static let statusRank = """
        CASE o.status WHEN 'ok' THEN 0 WHEN 'not-applicable' THEN 1 WHEN 'missing' THEN 2 ELSE 3 END
        """
    private static let statusOfRank = """
        CASE g.rank WHEN 0 THEN 'ok' WHEN 1 THEN 'not-applicable' WHEN 2 THEN 'missing' ELSE 'secret' END
        """

    func convert(fileID: Int64, geography: Int, _ db: Database) throws -> ConversionCounts {
        var counts = ConversionCounts()
        let sparse = try Bool.fetchOne(db, sql: """
            SELECT s.kind = 'diagnostics' FROM files f JOIN sources s USING (source_id) WHERE f.file_id = ?
            """, arguments: [fileID]) ?? false
        try db.execute(sql: "DELETE FROM normalised_observations WHERE geography = ? AND file_id = ?", arguments: [target, fileID])
        try db.execute(sql: "DELETE FROM unmapped_codes WHERE geography = ? AND file_id = ?", arguments: [target, fileID])

        // Communes, through the passage table. A target commune is complete when the file
        // has every commune of its geography that lands in it.
        try db.execute(sql: """
            INSERT INTO normalised_observations (geography, file_id, territory, variable_id, value, status, conversion)
            SELECT :target, :file, 'COM:' || g.to_code, g.variable_id,
                   CASE WHEN g.rank = 0 AND (g.parts = e.origins OR :sparse AND v.additive = 1) AND (v.additive = 1 OR g.simple) THEN g.total END,
                   CASE WHEN g.rank > 0 THEN \(Self.statusOfRank)
                        WHEN (g.parts = e.origins OR :sparse AND v.additive = 1) AND (v.additive = 1 OR g.simple) THEN 'ok' ELSE 'missing' END,
                   CASE WHEN g.simple AND g.from_code = g.to_code THEN NULL
                        WHEN g.parts < e.origins AND NOT (:sparse AND v.additive = 1) THEN 'incomplete: the file has ' || g.parts || ' of the ' || e.origins
                             || ' communes of COG ' || :geography || ' that make this one (' || g.origins || ')'
                        WHEN v.additive = 1 OR g.simple THEN 'COG ' || :geography || ' ' || g.origins
                        ELSE 'not converted, not additive: COG ' || :geography || ' ' || g.origins END
            FROM (
                SELECT p.to_code, o.variable_id, sum(o.value * p.weight) AS total, max(\(Self.statusRank)) AS rank,
                       count(*) AS parts, min(p.from_code) AS from_code,
                       count(*) = 1 AND min(p.weight) = 1 AND max(p.kind NOT IN ('identity', 'code-change')) = 0 AS simple,
                       group_concat(p.from_code || CASE WHEN p.weight < 1 THEN '×' || printf('%.4f', p.weight) ELSE '' END, ' + ') AS origins
                FROM observations o
                JOIN passages p ON p.from_geography = :geography AND p.to_geography = :target AND p.from_code = o.territory_code
                WHERE o.file_id = :file AND o.territory_level = 'COM'
                GROUP BY p.to_code, o.variable_id
            ) g
            JOIN (SELECT to_code, count(*) AS origins FROM passages WHERE from_geography = :geography AND to_geography = :target
                  GROUP BY to_code) e USING (to_code)
            JOIN variables v USING (variable_id)
            """, arguments: ["target": target, "file": fileID, "geography": geography, "sparse": sparse])
        counts.written = db.changesCount
        counts.converted = try Int.fetchOne(db, sql: """
            SELECT count(*) FROM normalised_observations WHERE geography = ? AND file_id = ? AND conversion IS NOT NULL
            """, arguments: [target, fileID]) ?? 0
        counts.notConvertible = try Int.fetchOne(db, sql: """
            SELECT count(*) FROM normalised_observations WHERE geography = ? AND file_id = ?
              AND (conversion LIKE 'not converted%' OR conversion LIKE 'incomplete%')
            """, arguments: [target, fileID]) ?? 0

        // Codes the passage table does not know: stored, never dropped silently.
        try db.execute(sql: """
            INSERT INTO unmapped_codes (geography, file_id, code, level, observations, reason)
            SELECT :target, :file, o.territory_code, 'COM', count(*),
                   'not a commune of COG ' || :geography || ' and not reachable through the mouvements'
            FROM observations o
            WHERE o.file_id = :file AND o.territory_level = 'COM'
              AND NOT EXISTS (SELECT 1 FROM passages p WHERE p.from_geography = :geography AND p.to_geography = :target
                              AND p.from_code = o.territory_code)
            GROUP BY o.territory_code
            """, arguments: ["target": target, "file": fileID, "geography": geography])
        counts.unmappedCodes = db.changesCount
        counts.unmappedObservations = try Int.fetchOne(db, sql: """
            SELECT coalesce(sum(observations), 0) FROM unmapped_codes WHERE geography = ? AND file_id = ?
            """, arguments: [target, fileID]) ?? 0

        // Arrondissements municipaux are kept as such, and their additive counts make the
        // commune (Paris, Lyon, Marseille) when the file does not give it.
        try db.execute(sql: """
            INSERT INTO normalised_observations (geography, file_id, territory, variable_id, value, status, conversion)
            SELECT :target, :file, 'ARM:' || o.territory_code, o.variable_id, o.value, o.status, NULL
            FROM observations o WHERE o.file_id = :file AND o.territory_level = 'ARM'
            """, arguments: ["target": target, "file": fileID])
        try db.execute(sql: """
            INSERT INTO normalised_observations (geography, file_id, territory, variable_id, value, status, conversion)
            SELECT :target, :file, 'COM:' || g.parent, g.variable_id,
                   CASE WHEN g.rank = 0 THEN g.total END, \(Self.statusOfRank),
                   'sum of the arrondissements municipaux ' || g.members
            FROM (
                SELECT c.comparent AS parent, o.variable_id, sum(o.value) AS total, max(\(Self.statusRank)) AS rank,
                       group_concat(o.territory_code, ' + ') AS members
                FROM observations o
                JOIN (SELECT DISTINCT com, comparent FROM cog_communes WHERE vintage = :targetText AND typecom = 'ARM') c
                  ON c.com = o.territory_code
                JOIN variables v ON v.variable_id = o.variable_id AND v.additive = 1
                WHERE o.file_id = :file AND o.territory_level = 'ARM'
                GROUP BY c.comparent, o.variable_id
            ) g
            WHERE NOT EXISTS (SELECT 1 FROM normalised_observations n WHERE n.geography = :target AND n.file_id = :file
                              AND n.territory = 'COM:' || g.parent AND n.variable_id = g.variable_id)
            """, arguments: ["target": target, "targetText": String(target), "file": fileID])
        counts.rolledUp = db.changesCount

        // Supra-communal levels keep their codes; IRIS are not converted (no IRIS history).
        try db.execute(sql: """
            INSERT INTO normalised_observations (geography, file_id, territory, variable_id, value, status, conversion)
            SELECT :target, :file, o.territory_level || ':' || o.territory_code, o.variable_id, o.value, o.status, NULL
            FROM observations o WHERE o.file_id = :file AND o.territory_level IN ('EPCI', 'DEP', 'REG')
            """, arguments: ["target": target, "file": fileID])
        for row in try Row.fetchAll(db, sql: """
            SELECT territory_level, count(*) FROM observations WHERE file_id = ? AND territory_level NOT IN ('COM', 'ARM', 'EPCI', 'DEP', 'REG')
            GROUP BY territory_level
            """, arguments: [fileID]) {
            counts.leftOut[row[0]] = row[1]
        }
        return counts
    }
}
