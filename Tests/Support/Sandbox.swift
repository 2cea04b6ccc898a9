import Catalog
import Foundation
import GRDB
import Ingest
import Logging
import Normalise
import Compute
import Indicators
import Warehouse

/// The package root, found from this file's path.
public let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Real extracts beside the repository (`../shared/data`); acceptance tests skip without them.
public enum SharedData {
    public static let root = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data")
    public static var isAvailable: Bool { FileManager.default.fileExists(atPath: root.path) }
    public static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }
}

/// A warehouse in a fresh temporary folder, with the project's real source definitions.
public struct Sandbox: Sendable {
    public let directory: URL
    public let warehouse: Warehouse
    public let catalog: SourceCatalog

    public init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("observatoire-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        warehouse = try Warehouse(path: directory.appendingPathComponent("warehouse.sqlite").path)
        catalog = try SourceCatalog(directory: packageRoot.appendingPathComponent("pipelines/sources").path)
    }

    /// Writes a fixture file (bytes as given) and returns its path.
    @discardableResult
    public func write(_ name: String, _ content: String) throws -> String {
        try write(name, bytes: Array(content.utf8))
    }

    @discardableResult
    public func write(_ name: String, bytes: [UInt8]) throws -> String {
        let url = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
        return url.path
    }

    public func ingest(_ paths: [String], _ options: IngestOptions = IngestOptions()) throws -> IngestSummary {
        var logger = Logger(label: "tests")
        logger.logLevel = .critical
        return try IngestJob(catalog: catalog, warehouse: warehouse, logger: logger)
            .run(paths: paths, options: options, command: "test")
    }

    public func ingest(_ path: String, _ options: IngestOptions = IngestOptions()) throws -> FileOutcome {
        try ingest([path], options).outcomes[0]
    }

    public func scalar<T: DatabaseValueConvertible>(_ sql: String, _ arguments: StatementArguments = []) throws -> T? {
        try warehouse.read { try T.fetchOne($0, sql: sql, arguments: arguments) }
    }

    public func rows(_ sql: String, _ arguments: StatementArguments = []) throws -> [Row] {
        try warehouse.read { try Row.fetchAll($0, sql: sql, arguments: arguments) }
    }

    /// The rows of `sql`, each as its values joined by " | " (`NULL` for null): whole result
    /// sets compared at once.
    public func lines(_ sql: String, _ arguments: StatementArguments = []) throws -> [String] {
        try rows(sql, arguments).map { row in
            row.databaseValues.map { value in
                switch value.storage {
                case .null: "NULL"
                case .int64(let number): String(number)
                case .double(let number): String(number)
                case .string(let text): text
                case .blob(let data): "\(data.count) bytes"
                }
            }.joined(separator: " | ")
        }
    }

    /// Every row of every table but the run journal, in a stable order: what "the
    /// warehouse as it was" means when a file is refused.
    public func dump() throws -> String {
        try warehouse.read { db in
            let tables = try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('runs', 'grdb_migrations') AND name NOT LIKE 'sqlite_%' ORDER BY name
                """)
            return try tables.map { table in
                let rows = try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\"").map(\.description).sorted()
                return "\(table):\n" + rows.joined(separator: "\n")
            }.joined(separator: "\n")
        }
    }

    /// Runs `normalise` onto `target` with the zones of `zonesDirectory` (none by default).
    @discardableResult
    public func normalise(_ target: Int, zonesDirectory: String? = nil) throws -> NormaliseSummary {
        var logger = Logger(label: "tests")
        logger.logLevel = .critical
        let zones = try ZoneCatalog(directory: zonesDirectory ?? directory.appendingPathComponent("no-zones").path)
        return try NormaliseJob(warehouse: warehouse, zones: zones, logger: logger).run(target: target, command: "test")
    }

    /// Runs `compute` with the project's indicator catalogue and known-issue register (or the ones given).
    @discardableResult
    public func compute(_ catalog: IndicatorCatalog? = nil, knownIssues: KnownIssueRegister? = nil, geography: Int? = nil) throws -> ComputeSummary {
        var logger = Logger(label: "tests")
        logger.logLevel = .critical
        let indicators = try catalog ?? IndicatorCatalog(directory: packageRoot.appendingPathComponent("pipelines/indicators").path)
        let register = try knownIssues ?? KnownIssueRegister(path: packageRoot.appendingPathComponent("pipelines/known-issues.yaml").path)
        return try ComputeJob(warehouse: warehouse, catalog: indicators, knownIssues: register, logger: logger)
            .run(geography: geography, command: "test")
    }
}
