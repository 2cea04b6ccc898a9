import GRDB

/// Normalise's conversion of loaded observations onto the communes of a target geography,
/// in SQL: each step one statement executed in SQLite, over every value of a file at once.
/// The stage (`ObservationConverter`) chooses the steps and adds up their counts.
extension ObservationStore {
    /// Deletes everything normalised onto `geography`, before it is normalised again.
    public static func removeNormalised(geography: Int, _ db: Database) throws {
        try db.execute(sql: "DELETE FROM normalised_values WHERE geography = ?", arguments: [geography])
        try db.execute(sql: "DELETE FROM normalised_rows WHERE geography = ?", arguments: [geography])
        try db.execute(sql: "DELETE FROM unmapped_codes WHERE geography = ?", arguments: [geography])
    }

    /// Drops the index compute reads converted values through, while normalise writes:
    /// see `WarehouseSchema.normalisedValuesByVariable`.
    public static func dropNormalisedIndex(_ db: Database) throws {
        try db.execute(sql: "DROP INDEX normalised_by_variable")
    }

    /// Builds the index dropped by `dropNormalisedIndex` again, in one sort.
    public static func buildNormalisedIndex(_ db: Database) throws {
        try db.execute(sql: WarehouseSchema.normalisedValuesByVariable)
    }

    /// A few codes of a file that no passage reaches, the most frequent first, for the summary.
    public static func unmappedExamples(geography: Int, fileID: Int64, limit: Int, _ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: """
            SELECT code FROM unmapped_codes WHERE geography = ? AND file_id = ? ORDER BY observations DESC, code LIMIT ?
            """, arguments: [geography, fileID, limit])
    }

    /// Where a step reads the values left to convert.
    public enum ConversionInput: Sendable {
        /// A file of values: `observation_values`.
        case values
        /// A wide file: its rows not carried one-to-one, unpacked into `temp.unpacked_observations`
        /// (`FileConversion.carryOneToOneRows`).
        case unpackedRows

        fileprivate var table: String {
            switch self {
            case .values: "observation_values"
            case .unpackedRows: "temp.unpacked_observations"
            }
        }
    }

    /// The conversion of one file, of geography `geography`, onto the geography `target`,
    /// through the passage table between the two (`PassageStore`).
    public struct FileConversion: Sendable {
        public let target: Int
        public let fileID: Int64
        public let geography: Int

        public init(target: Int, fileID: Int64, geography: Int) {
            self.target = target
            self.fileID = fileID
            self.geography = geography
        }

        private var arguments: StatementArguments { ["target": target, "file": fileID, "geography": geography] }

        /// Worst status first: the status of a sum is the worst of its parts.
        private static let statusRank = """
            CASE o.status WHEN 'ok' THEN 0 WHEN 'not-applicable' THEN 1 WHEN 'missing' THEN 2 ELSE 3 END
            """
        private static let statusOfRank = """
            CASE g.rank WHEN 0 THEN 'ok' WHEN 1 THEN 'not-applicable' WHEN 2 THEN 'missing' ELSE 'secret' END
            """

        /// Whether the file is of a `diagnostics` source: its counts are written only when
        /// not zero, so a part without a count had none.
        public func isSparse(_ db: Database) throws -> Bool {
            try Bool.fetchOne(db, sql: """
                SELECT s.kind = 'diagnostics' FROM files f JOIN sources s USING (source_id) WHERE f.file_id = ?
                """, arguments: [fileID]) ?? false
        }

        /// Deletes what an earlier conversion of the file onto the target wrote.
        public func removePrevious(_ db: Database) throws {
            for table in ["normalised_values", "normalised_rows", "unmapped_codes"] {
                try db.execute(sql: "DELETE FROM \(table) WHERE geography = ? AND file_id = ?", arguments: [target, fileID])
            }
        }

        /// Keeps the rows of the passage table that map one commune onto one commune (itself,
        /// or its new code) in a temporary table keyed by source code: the observations of
        /// those communes are copied as they are, without the grouping the others need.
        /// `empty`: leaves it empty, so that every commune goes through the grouped query.
        public func prepareOneToOnePassages(empty: Bool, _ db: Database) throws {
            try db.execute(sql: """
                CREATE TEMP TABLE IF NOT EXISTS one_to_one_passages (
                    from_geography INTEGER NOT NULL,
                    to_geography   INTEGER NOT NULL,
                    from_code      TEXT NOT NULL,
                    to_code        TEXT NOT NULL,
                    PRIMARY KEY (from_geography, to_geography, from_code)
                ) WITHOUT ROWID
                """)
            try db.execute(sql: "DELETE FROM temp.one_to_one_passages WHERE from_geography = ? AND to_geography = ?",
                           arguments: [geography, target])
            guard !empty else { return }
            // Whole (weight 1), not a merger nor a split, and the only commune landing there.
            try db.execute(sql: """
                INSERT INTO temp.one_to_one_passages (from_geography, to_geography, from_code, to_code)
                SELECT from_geography, to_geography, from_code, to_code FROM passages
                WHERE from_geography = :source AND to_geography = :target AND weight = 1 AND kind IN ('identity', 'code-change')
                  AND to_code IN (SELECT to_code FROM passages WHERE from_geography = :source AND to_geography = :target
                                  GROUP BY to_code HAVING count(*) = 1)
                """, arguments: ["source": geography, "target": target])
        }

        /// The columns of the file when it is wide (packed rows), 0 for a file of values.
        public func packedColumnCount(_ db: Database) throws -> Int {
            try Int.fetchOne(db, sql: "SELECT count(*) FROM file_columns WHERE file_id = ?", arguments: [fileID]) ?? 0
        }

        /// One-to-one communes of a wide file: its packed row, referenced under the target
        /// code (`normalised_rows`), not copied. The other rows are unpacked into
        /// `temp.unpacked_observations` (`ConversionInput.unpackedRows`) for the steps that
        /// convert values one by one.
        /// - Parameter columns: the cells of every row; nil when rows name their slots (a
        ///   diagnostics file), whose cells are then counted row by row.
        /// - Returns: the values carried, and of which recoded.
        public func carryOneToOneRows(columns: Int?, _ db: Database) throws -> (written: Int, converted: Int) {
            let arguments = arguments
            try db.execute(sql: """
                INSERT OR FAIL INTO normalised_rows (geography, file_id, territory, territory_code, conversion)
                SELECT :target, :file, 'COM:' || s.to_code, r.territory_code,
                       CASE WHEN s.from_code <> s.to_code THEN 'COG ' || :geography || ' ' || s.from_code END
                FROM observation_rows r CROSS JOIN temp.one_to_one_passages s
                WHERE r.file_id = :file AND r.territory_level = 'COM'
                  AND s.from_geography = :geography AND s.to_geography = :target AND s.from_code = r.territory_code
                """, arguments: arguments)
            let carried: (written: Int, converted: Int)
            if let columns {
                let written = db.changesCount * columns
                carried = (written, try (Int.fetchOne(db, sql: """
                    SELECT count(*) FROM normalised_rows WHERE geography = :target AND file_id = :file AND conversion IS NOT NULL
                    """, arguments: arguments) ?? 0) * columns)
            } else {
                let cells = try Row.fetchOne(db, sql: """
                    SELECT coalesce(sum(cells), 0), coalesce(sum(CASE WHEN converted THEN cells END), 0)
                    FROM (SELECT (SELECT count(*) FROM json_each(r.cells)) AS cells, n.conversion IS NOT NULL AS converted
                          FROM normalised_rows n
                          JOIN observation_rows r ON r.file_id = n.file_id AND r.territory_code = n.territory_code
                          WHERE n.geography = :target AND n.file_id = :file)
                    """, arguments: arguments)
                carried = (cells?[0] ?? 0, cells?[1] ?? 0)
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
            return carried
        }

        /// One-to-one communes of a file of values: each value and status as published.
        /// - Returns: the values copied, and of which recoded.
        public func copyOneToOneValues(_ db: Database) throws -> (written: Int, converted: Int) {
            let arguments = arguments
            try db.execute(sql: """
                INSERT OR FAIL INTO normalised_values (geography, file_id, territory, variable_id, value, status, conversion)
                SELECT :target, :file, 'COM:' || s.to_code, o.variable_id, o.value, o.status,
                       CASE WHEN s.from_code <> s.to_code THEN 'COG ' || :geography || ' ' || s.from_code END
                FROM observation_values o CROSS JOIN temp.one_to_one_passages s
                WHERE o.file_id = :file AND o.territory_level = 'COM'
                  AND s.from_geography = :geography AND s.to_geography = :target AND s.from_code = o.territory_code
                """, arguments: arguments)
            let written = db.changesCount
            let converted = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM temp.one_to_one_passages s CROSS JOIN observation_values o
                WHERE s.from_geography = :geography AND s.to_geography = :target AND s.from_code <> s.to_code
                  AND o.file_id = :file AND o.territory_code = s.from_code AND o.territory_level = 'COM'
                """, arguments: arguments) ?? 0
            return (written, converted)
        }

        /// The values left to convert, per level, in one scan: each step reads only its own.
        public func levelCounts(of input: ConversionInput, _ db: Database) throws -> [String: Int] {
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: """
                SELECT territory_level, count(*) FROM \(input.table) WHERE file_id = ? GROUP BY territory_level
                """, arguments: [fileID]).map { ($0[0] as String, $0[1] as Int) })
        }

        /// The communes that are not one-to-one, through the passage table, grouped by target
        /// commune: additive counts summed (weighted on splits), other values kept only where
        /// the commune is merely recoded. A target commune is complete when the file has every
        /// commune of its geography that lands in it — or, `sparse`, for additive counts.
        /// - Returns: the values written; of the values on those communes, how many come from
        ///   a conversion, and how many could not be converted (`missing`).
        public func convertThroughPassages(_ input: ConversionInput, sparse: Bool,
                                           _ db: Database) throws -> (written: Int, converted: Int, notConvertible: Int) {
            let arguments = arguments
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
                    FROM passages p CROSS JOIN \(input.table) o
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
            let written = db.changesCount
            let grouped = try Row.fetchOne(db, sql: """
                SELECT count(n.conversion), coalesce(sum(n.conversion LIKE 'not converted%' OR n.conversion LIKE 'incomplete%'), 0)
                FROM (SELECT DISTINCT to_code FROM passages p
                      WHERE p.from_geography = :geography AND p.to_geography = :target
                        AND NOT EXISTS (SELECT 1 FROM temp.one_to_one_passages s
                                        WHERE s.from_geography = p.from_geography AND s.to_geography = p.to_geography AND s.from_code = p.from_code)) c
                CROSS JOIN normalised_values n
                WHERE n.geography = :target AND n.file_id = :file AND n.territory = 'COM:' || c.to_code
                """, arguments: arguments)
            return (written, grouped?[0] ?? 0, grouped?[1] ?? 0)
        }

        /// Stores the commune codes the passage table does not know: never dropped silently.
        /// - Returns: how many codes, and how many observations they hold.
        public func recordUnmappedCodes(_ input: ConversionInput, _ db: Database) throws -> (codes: Int, observations: Int) {
            try db.execute(sql: """
                INSERT INTO unmapped_codes (geography, file_id, code, level, observations, reason)
                SELECT :target, :file, c.territory_code, 'COM', c.observations,
                       'not a commune of COG ' || :geography || ' and not reachable through the mouvements'
                FROM (SELECT o.territory_code, count(*) AS observations FROM \(input.table) o
                      WHERE o.file_id = :file AND o.territory_level = 'COM' GROUP BY o.territory_code) c
                WHERE NOT EXISTS (SELECT 1 FROM passages p WHERE p.from_geography = :geography AND p.to_geography = :target
                                  AND p.from_code = c.territory_code)
                """, arguments: arguments)
            let codes = db.changesCount
            let observations = try Int.fetchOne(db, sql: """
                SELECT coalesce(sum(observations), 0) FROM unmapped_codes WHERE geography = ? AND file_id = ?
                """, arguments: [target, fileID]) ?? 0
            return (codes, observations)
        }

        /// EPCI, département and région values keep their codes: no passage applies to them.
        public func keepSupraCommunal(_ input: ConversionInput, _ db: Database) throws {
            try db.execute(sql: """
                INSERT OR FAIL INTO normalised_values (geography, file_id, territory, variable_id, value, status, conversion)
                SELECT :target, :file, o.territory_level || ':' || o.territory_code, o.variable_id, o.value, o.status, NULL
                FROM \(input.table) o WHERE o.file_id = :file AND o.territory_level IN ('EPCI', 'DEP', 'REG')
                """, arguments: ["target": target, "file": fileID])
        }

        /// Arrondissements municipaux are kept as such, and their additive counts make the
        /// commune (Paris, Lyon, Marseille) when the file does not give it.
        /// - Returns: how many values of those communes were made so.
        public func convertArrondissements(_ input: ConversionInput, _ db: Database) throws -> Int {
            try db.execute(sql: """
                INSERT OR FAIL INTO normalised_values (geography, file_id, territory, variable_id, value, status, conversion)
                SELECT :target, :file, 'ARM:' || o.territory_code, o.variable_id, o.value, o.status, NULL
                FROM \(input.table) o WHERE o.file_id = :file AND o.territory_level = 'ARM'
                """, arguments: ["target": target, "file": fileID])
            try db.execute(sql: """
                INSERT OR FAIL INTO normalised_values (geography, file_id, territory, variable_id, value, status, conversion)
                SELECT :target, :file, 'COM:' || g.parent, g.variable_id,
                       CASE WHEN g.rank = 0 THEN g.total END, \(Self.statusOfRank),
                       'sum of the arrondissements municipaux ' || g.members
                FROM (
                    SELECT c.comparent AS parent, o.variable_id, sum(o.value) AS total, max(\(Self.statusRank)) AS rank,
                           group_concat(o.territory_code, ' + ') AS members
                    FROM \(input.table) o
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
            return db.changesCount
        }
    }
}
