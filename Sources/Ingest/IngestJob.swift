import Catalog
import Foundation
import Logging
import Warehouse

/// The ingest stage: reads files and directories as published and loads each file it
/// recognises, one transaction per file, under one run of the journal.
public struct IngestJob {
    public let catalog: SourceCatalog
    public let warehouse: Warehouse
    public let logger: Logger

    public init(catalog: SourceCatalog, warehouse: Warehouse, logger: Logger) {
        self.catalog = catalog
        self.warehouse = warehouse
        self.logger = logger
    }

    /// Ingests every path: a file is an error if not recognised; a directory contributes
    /// every file it holds (recursively, in name order), skipping those not recognised.
    /// - Parameter progress: called after each file, for the terminal.
    public func run(paths: [String], options: IngestOptions, command: String,
                    progress: (FileOutcome) -> Void = { _ in }) throws -> IngestSummary {
        let runID = try RunJournal.start(command: command, in: warehouse)
        let summary = try ingest(paths: paths, options: options, runID: runID, scope: .warehouse(warehouse), progress: progress)
        try RunJournal.finish(runID: runID, status: summary.runStatus, message: summary.headline, in: warehouse)
        return summary
    }

    /// Ingests every path under a run already journaled, writing through `scope` (one
    /// transaction per file, or one savepoint per file of a pipeline run's transaction).
    public func ingest(paths: [String], options: IngestOptions, runID: Int64, scope: WriteScope,
                       progress: (FileOutcome) -> Void = { _ in }) throws -> IngestSummary {
        let ingester = FileIngester(catalog: catalog, scope: scope, options: options, logger: logger)
        var summary = IngestSummary(runID: runID)
        for (path, fromDirectory) in try Self.expand(paths) {
            for outcome in ingester.ingest(path: path, runID: runID, lenient: fromDirectory) {
                summary.outcomes.append(outcome)
                progress(outcome)
            }
        }
        return summary
    }

    /// Files named on the command line, and the files inside directories (hidden files and
    /// documentation left out), each marked with whether it came from a directory.
    static func expand(_ paths: [String]) throws -> [(path: String, fromDirectory: Bool)] {
        var files: [(String, Bool)] = []
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                files.append((path, false))  // reported as a failed file: cannot open
                continue
            }
            guard isDirectory.boolValue else {
                files.append((path, false))
                continue
            }
            guard let enumerator = manager.enumerator(atPath: path) else { continue }
            var found: [String] = []
            while let relative = enumerator.nextObject() as? String {
                let name = (relative as NSString).lastPathComponent
                let full = (path as NSString).appendingPathComponent(relative)
                var childIsDirectory: ObjCBool = false
                guard !name.hasPrefix("."), manager.fileExists(atPath: full, isDirectory: &childIsDirectory),
                      !childIsDirectory.boolValue,
                      !["md", "yaml", "yml", "json"].contains((name as NSString).pathExtension.lowercased())
                else { continue }
                found.append(full)
            }
            files += found.sorted().map { ($0, true) }
        }
        return files
    }
}

/// The outcomes of one `ingest`, and the exit status they call for.
public struct IngestSummary: Sendable {
    public let runID: Int64
    public var outcomes: [FileOutcome] = []

    public init(runID: Int64) { self.runID = runID }

    public func count(_ status: FileOutcome.Status) -> Int { outcomes.filter { $0.status == status }.count }

    public var rowsLoaded: Int { outcomes.reduce(0) { $0 + $1.counts.rowsLoaded } }
    public var rowsRejected: Int { outcomes.reduce(0) { $0 + $1.counts.rowsRejected } }

    public var runStatus: RunStatus {
        if count(.failed) > 0 { return .failed }
        if count(.rejections) > 0 { return .rejections }
        return .succeeded
    }

    public var headline: String {
        "\(outcomes.count) files: \(count(.loaded) + count(.rejections)) loaded, \(count(.unchanged)) unchanged, "
            + "\(count(.skipped)) skipped, \(count(.failed)) failed; \(rowsLoaded) rows loaded, \(rowsRejected) rejected"
    }
}
