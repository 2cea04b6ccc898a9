import GRDB

/// What `compute` reads of a geography's territories to number them and sum over communes.
extension TerritoryStore {
    /// The territories, both ends of the memberships, and every territory the normalised
    /// values name: a value may be published for a territory the geography no longer lists
    /// (an EPCI dissolved since, say), and it is computed all the same.
    public func codesIncludingValues(_ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: """
            SELECT territory FROM territories WHERE geography = :g
            UNION SELECT parent FROM memberships WHERE geography = :g
            UNION SELECT territory FROM memberships WHERE geography = :g
            UNION SELECT territory FROM normalised_rows WHERE geography = :g
            UNION SELECT territory FROM normalised_values INDEXED BY normalised_by_variable WHERE geography = :g
            """, arguments: ["g": geography])
    }

    /// Each commune's membership of a territory above the commune (EPCI, département,
    /// région, France, zones), streamed in the order stored: the order sums over communes
    /// add up in.
    public func forEachCommuneMembership(_ db: Database, _ body: (_ parent: String, _ commune: String) throws -> Void) throws {
        let rows = try Row.fetchCursor(db, sql: """
            SELECT parent, territory FROM memberships WHERE geography = ? AND territory LIKE 'COM:%' AND parent NOT LIKE 'COM:%'
            """, arguments: [geography])
        while let row = try rows.next() { try body(row[0], row[1]) }
    }
}
