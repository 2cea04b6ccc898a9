import ArgumentParser

@main
struct Observatoire: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "observatoire",
        abstract: "Territorial observation ETL: official extracts in, a SQLite warehouse of indicators out.",
        discussion: """
            Exit codes: 0 success, 1 failure, 2 usage error, 3 finished with rejected rows.
            """,
        subcommands: [IngestCommand.self, SourcesCommand.self]
    )
}
