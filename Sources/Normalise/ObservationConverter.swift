import GRDB
import Warehouse

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
///
/// Nearly every commune is one-to-one (the same commune, or a new code for it): in a wide
/// file its packed row is referenced as it is (`normalised_rows`), in a file of values its
/// values are copied in key order, with no grouping. Only the communes made of several
/// parts, or of a part, go through the grouped query — that sort of every value of the file
/// by commune and variable was most of `normalise` (77 s of 100 s for 14 million values);
/// the rows of a wide file it needs are unpacked first (`temp.unpacked_observations`).
struct ObservationConverter {
    let target: Int
    /// Whether one-to-one communes are copied without grouping: always, but in the test
    /// that checks the copy gives what the grouped query gives.
    var copiesOneToOne = true

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
        for table in ["normalised_values", "normalised_rows", "unmapped_codes"] {
            try db.execute(sql: "DELETE FROM \(table) WHERE geography = ? AND file_id = ?", arguments: [target, fileID])
        }
        try OneToOnePassages.fill(from: geography, to: target, empty: !copiesOneToOne, db)
        let arguments: StatementArguments = ["target": target, "file": fileID, "geography": geography]
        let columns = try Int.fetchOne(db, sql: "SELECT count(*) FROM file_columns WHERE file_id = ?", arguments: [fileID]) ?? 0
        let source: String
        if columns > 0 {
            try carryPackedRows(columns: sparse ? nil : columns, arguments: arguments, into: &counts, db)
            source = "temp.unpacked_observations"
        } else {
            try copyOneToOneValues(arguments: arguments, into: &counts, db)
            source = "observation_values"
        }
        // The levels of the values left to convert, in one scan: each step below reads only its own.
        let levels = Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: """
            SELECT territory_level, count(*) FROM \(source) WHERE file_id = ? GROUP BY territory_level
            """, arguments: [fileID]).map { ($0[0] as String, $0[1] as Int) })
        counts.leftOut = levels.filter { !Self.convertedLevels.contains($0.key) }

        try convertThroughPassages(source: source, sparse: sparse, arguments: arguments, into: &counts, db)
        try recordUnmappedCodes(fileID: fileID, source: source, arguments: arguments, into: &counts, db)

        // Arrondissements municipaux are kept as such, and their additive counts make the
        // commune (Paris, Lyon, Marseille) when the file does not give it.
        if levels["ARM"] != nil {
            try convertArrondissements(fileID: fileID, source: source, into: &counts, db)
        }

        // Supra-communal levels keep their codes; IRIS are not converted (no IRIS history).
        if levels.keys.contains(where: { ["EPCI", "DEP", "REG"].contains($0) }) {
            try keepSupraCommunal(fileID: fileID, source: source, db)
        }
        return counts
    }

    /// The communes that are not one-to-one, through the passage table. A target commune
    /// is complete when the file has every commune of its geography that lands in it.
    private func convertThroughPassages(source: String, sparse: Bool, arguments: StatementArguments,
                                        into counts: inout ConversionCounts, _ db: Database) throws {
        try db.execute(sql: """
            INSERT OR FAIL INTO normalised_values (geography, file_id, territory, variable_id, value, status, conversion)
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
                FROM passages p CROSS JOIN \(source) o
                WHERE p.from_geography = :geography AND p.to_geography = :target
                  AND NOT EXISTS (SELECT 1 FROM temp.one_to_one_passages s
                                  WHERE s.from_geography = p.from_geography AND s.to_geography = p.to_geography AND s.from_code = p.from_code)
                  AND o.file_id = :file AND o.territory_code = p.from_code AND o.territory_level = 'COM'
                GROUP BY p.to_code, o.variable_id
            ) g
            JOIN (SELECT to_code, count(*) AS origins FROM passages WHERE from_geography = :geography AND to_geography = :target
                  GROUP BY to_code) e USING (to_code)
            JOIN variables v USING (variable_id)
            """, arguments: arguments + ["sparse": sparse])
        counts.written += db.changesCount
        let grouped = try Row.fetchOne(db, sql: """
            SELECT count(n.conversion), coalesce(sum(n.conversion LIKE 'not converted%' OR n.conversion LIKE 'incomplete%'), 0)
            FROM (SELECT DISTINCT to_code FROM passages p
                  WHERE p.from_geography = :geography AND p.to_geography = :target
                    AND NOT EXISTS (SELECT 1 FROM temp.one_to_one_passages s
                                    WHERE s.from_geography = p.from_geography AND s.to_geography = p.to_geography AND s.from_code = p.from_code)) c
            CROSS JOIN normalised_values n
            WHERE n.geography = :target AND n.file_id = :file AND n.territory = 'COM:' || c.to_code
            """, arguments: arguments)
        counts.converted += grouped?[0] ?? 0
        counts.notConvertible = grouped?[1] ?? 0
    }

    /// Codes the passage table does not know: stored, never dropped silently.
    private func recordUnmappedCodes(fileID: Int64, source: String, arguments: StatementArguments, into counts: inout ConversionCounts,
                                     _ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO unmapped_codes (geography, file_id, code, level, observations, reason)
            SELECT :target, :file, c.territory_code, 'COM', c.observations,
                   'not a commune of COG ' || :geography || ' and not reachable through the mouvements'
            FROM (SELECT o.territory_code, count(*) AS observations FROM \(source) o
                  WHERE o.file_id = :file AND o.territory_level = 'COM' GROUP BY o.territory_code) c
            WHERE NOT EXISTS (SELECT 1 FROM passages p WHERE p.from_geography = :geography AND p.to_geography = :target
                              AND p.from_code = c.territory_code)
            """, arguments: arguments)
        counts.unmappedCodes = db.changesCount
        counts.unmappedObservations = try Int.fetchOne(db, sql: """
            SELECT coalesce(sum(observations), 0) FROM unmapped_codes WHERE geography = ? AND file_id = ?
            """, arguments: [target, fileID]) ?? 0
    }

    /// EPCI, département and région values keep their codes: no passage applies to them.
    private func keepSupraCommunal(fileID: Int64, source: String, _ db: Database) throws {
        try db.execute(sql: """
            INSERT OR FAIL INTO normalised_values (geography, file_id, territory, variable_id, value, status, conversion)
            SELECT :target, :file, o.territory_level || ':' || o.territory_code, o.variable_id, o.value, o.status, NULL
            FROM \(source) o WHERE o.file_id = :file AND o.territory_level IN ('EPCI', 'DEP', 'REG')
            """, arguments: ["target": target, "file": fileID])
    }

    /// One-to-one communes of a file of values: each value and status as published.
    private func copyOneToOneValues(arguments: StatementArguments, into counts: inout ConversionCounts, _ db: Database) throws {
        try db.execute(sql: """
            INSERT OR FAIL INTO normalised_values (geography, file_id, territory, variable_id, value, status, conversion)
            SELECT :target, :file, 'COM:' || s.to_code, o.variable_id, o.value, o.status,
                   CASE WHEN s.from_code <> s.to_code THEN 'COG ' || :geography || ' ' || s.from_code END
            FROM observation_values o CROSS JOIN temp.one_to_one_passages s
            WHERE o.file_id = :file AND o.territory_level = 'COM'
              AND s.from_geography = :geography AND s.to_geography = :target AND s.from_code = o.territory_code
            """, arguments: arguments)
        counts.written = db.changesCount
        counts.converted = try Int.fetchOne(db, sql: """
            SELECT count(*) FROM temp.one_to_one_passages s CROSS JOIN observation_values o
            WHERE s.from_geography = :geography AND s.to_geography = :target AND s.from_code <> s.to_code
              AND o.file_id = :file AND o.territory_code = s.from_code AND o.territory_level = 'COM'
            """, arguments: arguments) ?? 0
    }

    /// One-to-one communes of a wide file: its packed row, referenced under the target code
    /// (`normalised_rows`), not copied. The other rows are unpacked into
    /// `temp.unpacked_observations` for the steps that convert values one by one.
    /// `columns`: the cells of every row of a wide file; nil when rows name their slots
    /// (a diagnostics file), whose cells are then counted row by row.
    private func carryPackedRows(columns: Int?, arguments: StatementArguments, into counts: inout ConversionCounts, _ db: Database) throws {
        try db.execute(sql: """
            INSERT OR FAIL INTO normalised_rows (geography, file_id, territory, territory_code, conversion)
            SELECT :target, :file, 'COM:' || s.to_code, r.territory_code,
                   CASE WHEN s.from_code <> s.to_code THEN 'COG ' || :geography || ' ' || s.from_code END
            FROM observation_rows r CROSS JOIN temp.one_to_one_passages s
            WHERE r.file_id = :file AND r.territory_level = 'COM'
              AND s.from_geography = :geography AND s.to_geography = :target AND s.from_code = r.territory_code
            """, arguments: arguments)
        if let columns {
            counts.written = db.changesCount * columns
            counts.converted = try (Int.fetchOne(db, sql: """
                SELECT count(*) FROM normalised_rows WHERE geography = :target AND file_id = :file AND conversion IS NOT NULL
                """, arguments: arguments) ?? 0) * columns
        } else {
            let carried = try Row.fetchOne(db, sql: """
                SELECT coalesce(sum(cells), 0), coalesce(sum(CASE WHEN converted THEN cells END), 0)
                FROM (SELECT (SELECT count(*) FROM json_each(r.cells)) AS cells, n.conversion IS NOT NULL AS converted
                      FROM normalised_rows n
                      JOIN observation_rows r ON r.file_id = n.file_id AND r.territory_code = n.territory_code
                      WHERE n.geography = :target AND n.file_id = :file)
                """, arguments: arguments)
            counts.written = carried?[0] ?? 0
            counts.converted = carried?[1] ?? 0
        }
        try db.execute(sql: """
            CREATE TEMP TABLE IF NOT EXISTS unpacked_observations (
                file_id INTEGER NOT NULL, territory_code TEXT NOT NULL, variable_id INTEGER NOT NULL,
                territory_level TEXT NOT NULL, value REAL, status TEXT NOT NULL,
                PRIMARY KEY (file_id, territory_code, variable_id)
            ) WITHOUT ROWID
            """)
        try db.execute(sql: "DELETE FROM temp.unpacked_observations")
        try db.execute(sql: """
            INSERT INTO temp.unpacked_observations (file_id, territory_code, variable_id, territory_level, value, status)
            \(WarehouseSchema.unpackedRows)
            WHERE r.file_id = :file
              AND NOT (r.territory_level = 'COM' AND EXISTS (SELECT 1 FROM temp.one_to_one_passages s
                  WHERE s.from_geography = :geography AND s.to_geography = :target AND s.from_code = r.territory_code))
            """, arguments: arguments)
    }

    /// Levels of a file that normalise carries to the target geography; the others are
    /// counted as left out.
    private static let convertedLevels: Set<String> = ["COM", "ARM", "EPCI", "DEP", "REG"]

    private func convertArrondissements(fileID: Int64, source: String, into counts: inout ConversionCounts, _ db: Database) throws {
        try db.execute(sql: """
            INSERT OR FAIL INTO normalised_values (geography, file_id, territory, variable_id, value, status, conversion)
            SELECT :target, :file, 'ARM:' || o.territory_code, o.variable_id, o.value, o.status, NULL
            FROM \(source) o WHERE o.file_id = :file AND o.territory_level = 'ARM'
            """, arguments: ["target": target, "file": fileID])
        try db.execute(sql: """
            INSERT OR FAIL INTO normalised_values (geography, file_id, territory, variable_id, value, status, conversion)
            SELECT :target, :file, 'COM:' || g.parent, g.variable_id,
                   CASE WHEN g.rank = 0 THEN g.total END, \(Self.statusOfRank),
                   'sum of the arrondissements municipaux ' || g.members
            FROM (
                SELECT c.comparent AS parent, o.variable_id, sum(o.value) AS total, max(\(Self.statusRank)) AS rank,
                       group_concat(o.territory_code, ' + ') AS members
                FROM \(source) o
                JOIN (SELECT DISTINCT com, comparent FROM cog_communes WHERE vintage = :targetText AND typecom = 'ARM') c
                  ON c.com = o.territory_code
                JOIN variables v ON v.variable_id = o.variable_id AND v.additive = 1
                WHERE o.file_id = :file AND o.territory_level = 'ARM'
                GROUP BY c.comparent, o.variable_id
            ) g
            WHERE NOT EXISTS (SELECT 1 FROM normalised_values n WHERE n.geography = :target AND n.file_id = :file
                              AND n.territory = 'COM:' || g.parent AND n.variable_id = g.variable_id)
              AND NOT EXISTS (SELECT 1 FROM normalised_rows n WHERE n.geography = :target AND n.file_id = :file
                              AND n.territory = 'COM:' || g.parent)
            """, arguments: ["target": target, "targetText": String(target), "file": fileID])
        counts.rolledUp = db.changesCount
    }
}
