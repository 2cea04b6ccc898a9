import Core

/// Failures of talking to PostgreSQL. Their messages name the server by its address with
/// the password hidden, never the password.
extension ErrorCode {
    public static let postgresURL = ErrorCode(
        "postgres-url", exit: .usage, remedy: "write it postgresql://USER@HOST:PORT/DATABASE?schema=SCHEMA (the password in PGPASSWORD or ~/.pgpass)")
    public static let postgresConnection = ErrorCode(
        "postgres-connection", remedy: "check that the server runs and listens there, the user and its password (PGPASSWORD, ~/.pgpass), and pg_hba.conf")
    public static let postgres = ErrorCode("postgres", remedy: "read PostgreSQL's message; check the role's rights on the schema")
    public static let copyMismatch = ErrorCode(
        "copy-mismatch", remedy: "nothing was kept: the copy is one transaction; check the server's log and copy again")
}
