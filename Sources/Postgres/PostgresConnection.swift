import CLibPQ
import Core
import Foundation

/// One connection to PostgreSQL through libpq: statements with bound parameters (never a
/// value inside SQL text), results as text, and `COPY … FROM STDIN` for bulk loads. Errors
/// carry PostgreSQL's message and name the server without its password. Not shared between
/// tasks: make one per job; closed in `deinit`.
public final class PostgresConnection {
    public let url: PostgresURL
    private let handle: OpaquePointer

    public init(_ url: PostgresURL) throws {
        self.url = url
        guard let handle = PQconnectdb(url.connectionString) else {
            throw ObservatoireError(.postgresConnection, "cannot connect to \(url.redacted): out of memory")
        }
        guard PQstatus(handle) == CONNECTION_OK else {
            let message = Self.message(of: handle)
            PQfinish(handle)
            throw ObservatoireError(.postgresConnection, "cannot connect to \(url.redacted)", cause: message)
        }
        self.handle = handle
        // Values go as text, numbers with every digit they have.
        _ = try execute("SET extra_float_digits = 3")
    }

    deinit {
        PQfinish(handle)
    }

    /// Runs `sql` with `parameters` bound ($1, $2 …, nil for NULL); the rows, as text.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [String?] = []) throws -> [[String?]] {
        let result = try run(sql, parameters)
        defer { PQclear(result) }
        let rows = Int(PQntuples(result)), columns = Int(PQnfields(result))
        return (0..<rows).map { row in
            (0..<columns).map { column in
                PQgetisnull(result, Int32(row), Int32(column)) == 1 ? nil : String(cString: PQgetvalue(result, Int32(row), Int32(column)))
            }
        }
    }

    /// `COPY table (columns) FROM STDIN` in PostgreSQL's text format: `write` is called with
    /// a function that sends one row (cells already escaped by `PostgresConnection.copyText`).
    public func copy(into table: String, columns: [String], _ write: ((String) throws -> Void) throws -> Void) throws {
        let start = try run("COPY \(table) (\(columns.joined(separator: ", "))) FROM STDIN", [])
        PQclear(start)
        var buffer = Data()
        func flush() throws {
            guard !buffer.isEmpty else { return }
            let sent = buffer.withUnsafeBytes { PQputCopyData(handle, $0.baseAddress?.assumingMemoryBound(to: CChar.self), Int32($0.count)) }
            guard sent == 1 else { throw failure("send rows to \(table)") }
            buffer.removeAll(keepingCapacity: true)
        }
        do {
            try write { line in
                buffer.append(contentsOf: line.utf8)
                buffer.append(UInt8(ascii: "\n"))
                if buffer.count >= 1 << 20 { try flush() }
            }
            try flush()
        } catch {
            _ = PQputCopyEnd(handle, "the copy was stopped")
            while let result = PQgetResult(handle) { PQclear(result) }
            throw error
        }
        guard PQputCopyEnd(handle, nil) == 1 else { throw failure("end the copy into \(table)") }
        var failed: String?
        while let result = PQgetResult(handle) {
            if PQresultStatus(result) != PGRES_COMMAND_OK { failed = String(cString: PQresultErrorMessage(result)) }
            PQclear(result)
        }
        if let failed {
            throw ObservatoireError(.postgres, "PostgreSQL refused the rows copied into \(table) at \(url.redacted)",
                                    cause: failed.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    /// A cell in COPY's text format: `\N` for NULL, backslash, tab, newline and carriage
    /// return escaped.
    public static func copyText(_ value: String?) -> String {
        guard let value else { return "\\N" }
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for character in value.unicodeScalars {
            switch character {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    private func run(_ sql: String, _ parameters: [String?]) throws -> OpaquePointer {
        let copies = parameters.map { $0.map { strdup($0) } ?? nil }
        defer { copies.forEach { free($0) } }
        let result = copies.map { UnsafePointer($0) }.withUnsafeBufferPointer { values in
            PQexecParams(handle, sql, Int32(parameters.count), nil, values.baseAddress, nil, nil, 0)
        }
        guard let result else { throw failure("run a statement") }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_COPY_IN:
            return result
        default:
            let message = String(cString: PQresultErrorMessage(result)).trimmingCharacters(in: .whitespacesAndNewlines)
            PQclear(result)
            throw ObservatoireError(.postgres, "PostgreSQL refused a statement at \(url.redacted): \(sql.prefix(120))", cause: message)
        }
    }

    private func failure(_ action: String) -> ObservatoireError {
        ObservatoireError(.postgres, "cannot \(action) at \(url.redacted)", cause: Self.message(of: handle))
    }

    private static func message(of handle: OpaquePointer) -> String {
        String(cString: PQerrorMessage(handle)).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
