/// The warehouse's schema in PostgreSQL, as the copies see it: its tables, their columns'
/// types, their rows; the one place of the SQL they send. Identifiers are quoted here;
/// values are bound parameters or COPY data.
struct PostgresSchema {
    let connection: PostgresConnection
    let name: String

    private var quotedName: String { Self.quoted(name) }

    static func quoted(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private func table(_ table: String) -> String { quotedName + "." + Self.quoted(table) }

    func begin() throws { try connection.execute("BEGIN") }
    func commit() throws { try connection.execute("COMMIT") }
    func rollback() { _ = try? connection.execute("ROLLBACK") }

    /// The tables the schema holds (none when it does not exist).
    func tableNames() throws -> [String] {
        try connection.execute("""
            SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE'
            """, [name]).compactMap { $0[0] }
    }

    /// Drops a table, leaving the schema and its grants.
    func drop(_ name: String) throws {
        try connection.execute("DROP TABLE \(table(name)) CASCADE")
    }

    /// Makes the schema when absent only: a role that owns it needs no right on the database.
    func createIfAbsent() throws {
        if try connection.execute("SELECT 1 FROM pg_namespace WHERE nspname = $1", [name]).isEmpty {
            try connection.execute("CREATE SCHEMA \(quotedName)")
        }
    }

    func create(_ name: String, columns: [(name: String, type: String)]) throws {
        try connection.execute("CREATE TABLE \(table(name)) (\(columns.map { "\(Self.quoted($0.name)) \($0.type)" }.joined(separator: ", ")))")
    }

    /// COPY into a table, one row of COPY text at a time (see `PostgresConnection.copy`).
    func copy(into name: String, columns: [String], _ write: ((String) throws -> Void) throws -> Void) throws {
        try connection.copy(into: table(name), columns: columns.map(Self.quoted), write)
    }

    /// Every row of a table, its cells as text, in the order of `columns`.
    func rows(of name: String, columns: [String]) throws -> [[String?]] {
        try connection.execute("SELECT \(columns.map(Self.quoted).joined(separator: ", ")) FROM \(table(name))")
    }

    /// A table's columns and their types as `information_schema` names them.
    func columnTypes(of name: String) throws -> [String: String] {
        try connection.execute("""
            SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2
            """, [self.name, name]).reduce(into: [:]) { types, row in
            if let column = row[0], let type = row[1] { types[column] = type }
        }
    }
}
