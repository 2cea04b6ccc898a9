import GRDB

/// Territories of one level inside another: the territory itself, its communes, and
/// every territory that holds one of its communes (the EPCIs of a zone, the communes of
/// an EPCI). Exports and portraits select their territories the same way.
public enum TerritorySelection {
    /// A subquery of territory ids, bound to `:g` (geography), `:level` (as stored) and
    /// `:within` (a territory id; `FR` for everything).
    static let sql = """
        SELECT t.territory FROM territories t WHERE t.geography = :g AND t.level = :level AND (
            :within = 'FR' OR t.territory = :within
            OR EXISTS (SELECT 1 FROM memberships m WHERE m.geography = :g AND m.territory = t.territory AND m.parent = :within)
            OR EXISTS (SELECT 1 FROM memberships a JOIN memberships b ON b.geography = a.geography AND b.territory = a.territory
                       WHERE a.geography = :g AND a.parent = t.territory AND a.territory LIKE 'COM:%' AND b.parent = :within))
        """

    /// The ids of the territories of `level` inside `within`, in code order.
    public static func territories(level: ExportRequest.Level, within: String, geography: Int, _ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT territory FROM (\(sql)) ORDER BY territory",
                            arguments: ["g": geography, "level": level.code, "within": within])
    }
}
