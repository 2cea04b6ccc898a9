import Core
import Foundation

/// `postgresql://user@host:port/database?schema=observatoire`: what libpq connects to, and
/// the schema the warehouse lives in (libpq knows no `schema` parameter). The password may
/// be in the URL, but comes better from PGPASSWORD or ~/.pgpass; `redacted` is how every
/// message names the server, the password replaced.
public struct PostgresURL: Sendable, CustomStringConvertible {
    /// The URL as libpq takes it, without `schema`.
    public let connectionString: String
    public let schema: String
    /// The URL with its password replaced by `****`, for messages and logs.
    public let redacted: String

    public static let defaultSchema = "observatoire"

    public static func isPostgres(_ text: String) -> Bool {
        text.hasPrefix("postgresql://") || text.hasPrefix("postgres://")
    }

    public init(_ text: String) throws {
        guard Self.isPostgres(text), var parts = URLComponents(string: text), parts.host != nil else {
            throw ObservatoireError(.postgresURL, "not a PostgreSQL URL: \(Self.hidingPassword(in: text))")
        }
        let schema = parts.queryItems?.first { $0.name == "schema" }?.value ?? Self.defaultSchema
        guard schema.wholeMatch(of: /[a-z_][a-z0-9_]*/) != nil else {
            throw ObservatoireError(.postgresURL, "schema '\(schema)' is not a plain lower-case name (letters, digits, _)")
        }
        self.schema = schema
        parts.queryItems = parts.queryItems?.filter { $0.name != "schema" }
        if parts.queryItems?.isEmpty == true { parts.queryItems = nil }
        connectionString = parts.string ?? text
        redacted = Self.hidingPassword(in: text)
    }

    public var description: String { redacted }

    /// `postgresql://user:****@host/db` for `postgresql://user:secret@host/db`.
    static func hidingPassword(in text: String) -> String {
        text.replacing(/(:\/\/[^:@\/]*):[^@\/]*@/) { "\($0.output.1):****@" }
    }
}
