import ArgumentParser
import Core
import Foundation
import Warehouse

@main
struct Observatoire: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "observatoire",
        abstract: "Territorial observation ETL: official extracts in, a SQLite warehouse of indicators out.",
        discussion: """
            Exit codes: 0 success, 1 failure, 2 usage error, 3 finished with rejected rows, 4 data-quality alerts (run --fail-on-alert), 75 another writer holds the warehouse.
            """,
        version: "observatoire \(SoftwareVersion.current)",
        subcommands: [DemoCommand.self, RunCommand.self, StatusCommand.self, FetchCommand.self, IngestCommand.self, NormaliseCommand.self, ComputeCommand.self, DiffCommand.self, MapCommand.self, IndicatorsCommand.self,
                      ReconcileCommand.self, ExportCommand.self, PortraitCommand.self, CitesCommand.self, RenovationCommand.self, TerritoriesCommand.self, SourcesCommand.self, WarehouseCommand.self]
    )

    /// Runs the command; usage errors exit with 2 (the README's table) instead of
    /// argument-parser's 64, and a mistyped command name says which one was meant.
    static func main() {
        // Past a file-size limit (`ulimit -f`) a write then fails with EFBIG, which the
        // warehouse reports like a full disk, instead of SIGXFSZ killing the process silently.
        signal(SIGXFSZ, SIG_IGN)
        var command: ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            if let unknown = UnknownCommand.find(in: Array(CommandLine.arguments.dropFirst()), under: Observatoire.self) {
                Console(quiet: false).warn(unknown.message)
                Foundation.exit(ExitStatus.usage.rawValue)
            }
            fail(error)
        }
        do {
            try command.run()
        } catch {
            fail(error)
        }
    }

    /// Ends the process on an error: the project's own as `error[CODE]: …` and `hint: …`
    /// with the exit code of its kind (docs/errors.md); argument errors as usage (2).
    private static func fail(_ error: Error) -> Never {
        if let error = error as? ObservatoireError {
            Console(quiet: false).warn("error[\(error.code)]: \(error)\nhint: \(error.remedy)")
            Foundation.exit(error.exitStatus.rawValue)
        }
        if exitCode(for: error) == .validationFailure {
            Console(quiet: false).warn(fullMessage(for: error))
            Foundation.exit(ExitStatus.usage.rawValue)
        }
        exit(withError: error)
    }
}
