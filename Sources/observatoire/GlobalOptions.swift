import ArgumentParser
import Catalog
import Core
import Foundation
import Indicators
import Logging
import Pipeline
import Postgres
import Warehouse

extension LineLogHandler.Format: ExpressibleByArgument {}

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("warehouse"), help: ArgumentHelp(
        "The SQLite warehouse to read and write; by default $OBSERVATOIRE_WAREHOUSE, or warehouse/observatoire.sqlite.",
        valueName: "file"))
    var warehouseOption: String?

    /// The warehouse: `--warehouse`, else `$OBSERVATOIRE_WAREHOUSE`, else the default file.
    var warehouse: String {
        warehouseOption ?? ProcessInfo.processInfo.environment["OBSERVATOIRE_WAREHOUSE"].flatMap { $0.isEmpty ? nil : $0 }
            ?? "warehouse/observatoire.sqlite"
    }

    /// The stages read and write a SQLite file; a PostgreSQL warehouse is filled by
    /// `warehouse copy` (docs/postgresql.md), and said so rather than taken for a path.
    private func requireSQLite() throws {
        if PostgresURL.isPostgres(warehouse) {
            throw ValidationError("the warehouse \(warehouse.split(separator: "@").last.map { "…@" + $0 } ?? "") is a PostgreSQL URL: "
                + "the stages run on a SQLite warehouse for now; copy one into PostgreSQL with `observatoire warehouse copy` (docs/postgresql.md).")
        }
    }

    @Option(name: .customLong("pipelines"), help: ArgumentHelp(
        "The folder of definitions (sources, indicators, reports); by default $OBSERVATOIRE_PIPELINES, ./pipelines, "
            + "or the pipelines folder beside the executable (or in share/observatoire above it).",
        valueName: "dir"))
    var pipelinesOption: String?

    @Flag(name: .long, help: "Print only warnings and errors.")
    var quiet = false

    @Option(name: .long, help: "Log lines on standard error: text or json (one JSON object per line).")
    var logFormat: LineLogHandler.Format = .text

    @Option(name: .long, help: "A writing command waits up to this many seconds for another writer to finish (exit 75 otherwise).")
    var wait: Double = 0

    /// A folder of definitions must be found (see `BundledFolder`): a usage error otherwise.
    func validate() throws {
        _ = try BundledFolder.pipelines.resolve(option: pipelinesOption)
    }

    /// The folder of definitions: `--pipelines`, else where `BundledFolder.pipelines` finds
    /// it (`validate()` has made sure it does).
    var pipelines: String {
        (try? BundledFolder.pipelines.resolve(option: pipelinesOption)) ?? BundledFolder.pipelines.relativePath
    }

    func loadCatalog() throws -> SourceCatalog {
        try SourceCatalog(directory: pipelines + "/sources")
    }

    func loadIndicators() throws -> IndicatorCatalog {
        try IndicatorCatalog(directory: pipelines + "/indicators")
    }

    func loadKnownIssues() throws -> KnownIssueRegister {
        try KnownIssueRegister(path: pipelines + "/known-issues.yaml")
    }

    /// Where the command's words go, quiet or not.
    var console: Console { Console(quiet: quiet) }

    /// Whether the SQLite warehouse is there yet (a PostgreSQL URL is refused first).
    func warehouseExists() throws -> Bool {
        try requireSQLite()
        return FileManager.default.fileExists(atPath: warehouse)
    }

    /// Opens the warehouse for a command that reads. It must exist: only the commands that
    /// load files create one (see `openOrCreateWarehouse`).
    func openWarehouse() throws -> Warehouse {
        guard try warehouseExists() else { throw ObservatoireError(.missingWarehouse, "no warehouse at \(warehouse)") }
        return try Warehouse(path: warehouse)
    }

    /// Opens the warehouse for a command that writes, holding the writer lock (see
    /// `Warehouse.openForWriting`). It must exist, as for `openWarehouse`.
    func openWarehouseForWriting() throws -> Warehouse {
        guard try warehouseExists() else { throw ObservatoireError(.missingWarehouse, "no warehouse at \(warehouse)") }
        return try Warehouse.openForWriting(path: warehouse, wait: wait)
    }

    /// For the commands that load files (`ingest`, `run`, `demo`): opens the warehouse for
    /// writing, creating it if there is none, and does `firstWork` on it. When this call
    /// created it and `firstWork` throws with nothing loaded in it (no file, no run but
    /// this one: another writer may have filled it in the meantime), what the call created
    /// (the file, its `-wal` and `-shm`, its lock, its folders) is removed, still under the
    /// writer lock, before the error goes on: a failed first command leaves no empty
    /// warehouse behind. A warehouse that was there before is never removed.
    func openOrCreateWarehouse<T>(_ firstWork: (Warehouse) throws -> T) throws -> (warehouse: Warehouse, result: T) {
        if try warehouseExists() {
            let opened = try Warehouse.openForWriting(path: warehouse, wait: wait)
            return (opened, try firstWork(opened))
        }
        let created = NewWarehouseFiles(path: warehouse)
        let opened: Warehouse
        do {
            opened = try Warehouse.openForWriting(path: warehouse, wait: wait)
        } catch {
            // Another writer may hold it (exit 75): only the folders this call made, if empty, go.
            created.removeFolders()
            throw error
        }
        do {
            return (opened, try firstWork(opened))
        } catch {
            withExtendedLifetime(opened) {
                if let status = try? WarehouseStatus(warehouse: opened, runs: 2), status.sources.isEmpty && status.runs.count <= 1 {
                    created.remove()
                }
            }
            created.removeFolders()
            throw error
        }
    }

    /// The pipeline of `run` and `demo`, with the definitions under `--pipelines`.
    func makePipeline(_ warehouse: Warehouse) throws -> PipelineRun {
        PipelineRun(warehouse: warehouse, catalog: try loadCatalog(), zones: try ZoneCatalog(directory: pipelines + "/zones"),
                    indicators: try loadIndicators(), knownIssues: try loadKnownIssues(), pipelines: pipelines, logger: makeLogger())
    }

    /// Merges the warehouse's write-ahead log once a command's work is committed. Failing
    /// then loses nothing (see `Warehouse.checkpoint`): a warning, not the command's failure.
    func checkpoint(_ warehouse: Warehouse) {
        do {
            try warehouse.checkpoint()
        } catch {
            makeLogger().warning("\(error)")
        }
    }

    func makeLogger() -> Logger {
        let format = logFormat
        let level: Logger.Level = quiet ? .warning : .notice
        return Logger(label: "observatoire") { label in LineLogHandler(label: label, format: format, level: level) }
    }
}

/// What opening a new warehouse at `path` creates — noted before it does — to remove when
/// the command that created it fails having loaded nothing.
struct NewWarehouseFiles {
    let path: String
    /// The lock file, unless it was there before (another writer may hold it).
    let lock: String?
    /// The folders above `path` that did not exist, deepest first.
    let folders: [String]

    init(path: String) {
        self.path = path
        let lock = path + ".lock"
        self.lock = FileManager.default.fileExists(atPath: lock) ? nil : lock
        var folders: [String] = []
        var folder = (URL(fileURLWithPath: path).deletingLastPathComponent().path as NSString).standardizingPath
        while !FileManager.default.fileExists(atPath: folder) {
            folders.append(folder)
            let parent = (folder as NSString).deletingLastPathComponent
            if parent == folder || parent.isEmpty { break }
            folder = parent
        }
        self.folders = folders
    }

    /// Removes the warehouse's files and the lock file, if they are there.
    func remove() {
        var removed = false
        for file in [path, path + "-wal", path + "-shm", path + "-journal"] + (lock.map { [$0] } ?? []) {
            if (try? FileManager.default.removeItem(atPath: file)) != nil, file == path { removed = true }
        }
        if removed {
            Console(quiet: false).warn("removed \(path), which this command created: nothing is loaded in it")
        }
    }

    /// Removes the folders it created, deepest first, those that are empty only.
    func removeFolders() {
        for folder in folders where rmdir(folder) != 0 { return }
    }
}

extension ExitCode {
    /// The exit code of one of the project's statuses (docs/errors.md).
    init(_ status: ExitStatus) { self.init(status.rawValue) }
}
