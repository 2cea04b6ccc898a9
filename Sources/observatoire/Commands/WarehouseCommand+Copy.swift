import ArgumentParser
import Foundation
import Postgres
import Warehouse

extension WarehouseCommand {
    struct Copy: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy every table of a SQLite warehouse into a PostgreSQL schema, checked table by table.",
            discussion: """
                --to is postgresql://USER@HOST:PORT/DATABASE?schema=SCHEMA (observatoire by default); \
                the password comes from PGPASSWORD or ~/.pgpass, and is never printed. The copy is one \
                transaction: the tables are created, their rows sent with COPY, then each table is \
                counted and checksummed against the SQLite one before the commit; any difference or \
                failure leaves the schema as it was.
                """)

        @OptionGroup var global: GlobalOptions

        @Option(name: .long, help: "The SQLite warehouse to copy.")
        var from: String

        @Option(name: .long, help: "The PostgreSQL URL to copy into.")
        var to: String

        @Flag(name: .long, help: "Replace the tables a previous copy left in the schema.")
        var replace = false

        func validate() throws {
            if PostgresURL.isPostgres(from) {
                throw ValidationError("--from is a SQLite warehouse: copying from PostgreSQL back to a file is not done yet.")
            }
            if !PostgresURL.isPostgres(to) { throw ValidationError("--to is a postgresql:// URL.") }
        }

        func run() throws {
            guard FileManager.default.fileExists(atPath: from) else { throw ValidationError("no warehouse at \(from).") }
            let url = try PostgresURL(to)
            let reports = try WarehouseCopy(from: try Warehouse(path: from), to: url, logger: global.makeLogger()).run(replace: replace)
            global.console.say("\(reports.count) tables, \(reports.map(\.rows).reduce(0, +)) rows copied and checked → \(url.redacted)")
        }
    }
}
