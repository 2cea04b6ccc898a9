import ArgumentParser

struct WarehouseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "warehouse",
        abstract: "Move a warehouse between engines: SQLite to PostgreSQL.",
        subcommands: [Copy.self]
    )
}
