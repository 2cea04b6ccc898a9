import ArgumentParser
import Foundation
import Postgres
import Warehouse

extension WarehouseCommand {
    struct Copy: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy a SQLite warehouse into a PostgreSQL schema, or back into a new SQLite file, checked table by table.",
            discussion: """
                --to is postgresql://USER@HOST:PORT/DATABASE?schema=SCHEMA (observatoire by default); \
                the password comes from PGPASSWORD or ~/.pgpass, and is never printed. The copy is one \
                transaction: the tables are created, their rows sent with COPY, then each table is \
                counted and checksummed against the SQLite one before the commit; any difference or \
                failure leaves the schema as it was. With --from a postgresql:// URL and --to a new file, \
                the copy goes back: a SQLite warehouse of this version filled from the schema, checked \
                the same way, and removed on any failure.
                """)

        @OptionGroup var global: GlobalOptions

        @Option(name: .long, help: "The SQLite warehouse, or the PostgreSQL URL, to copy.")
        var from: String

        @Option(name: .long, help: "The PostgreSQL URL to copy into, or the new SQLite file.")
        var to: String

        @Flag(name: .long, help: "Replace the tables a previous copy left in the schema.")
        var replace = false

        func validate() throws {
            if PostgresURL.isPostgres(from) == PostgresURL.isPostgres(to) {
                throw ValidationError("one of --from and --to is a postgresql:// URL, the other a SQLite file.")
            }
            if replace && PostgresURL.isPostgres(from) { throw ValidationError("--replace applies to a copy into PostgreSQL.") }
        }

        func run() throws {
            if PostgresURL.isPostgres(from) {
                let url = try PostgresURL(from)
                let reports = try WarehouseCopyBack(from: url, to: to, logger: global.makeLogger()).run()
                global.console.say("\(reports.count) tables, \(reports.map(\.rows).reduce(0, +)) rows copied from \(url.redacted) and checked → \(to)")
                return
            }
            guard FileManager.default.fileExists(atPath: from) else { throw ValidationError("no warehouse at \(from).") }
            let url = try PostgresURL(to)
            let reports = try WarehouseCopy(from: try Warehouse(path: from), to: url, logger: global.makeLogger()).run(replace: replace)
            global.console.say("\(reports.count) tables, \(reports.map(\.rows).reduce(0, +)) rows copied and checked → \(url.redacted)")
        }
    }
}
