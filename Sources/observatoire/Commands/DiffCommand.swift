import ArgumentParser
import Changes
import Export
import Foundation
import Output
import Warehouse

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "What changed: the last compute against the values it replaced, since a run or a date, or between two warehouses.",
        discussion: """
            Sources whose files changed (sha256, rows, rejects), indicators and territories added or \
            removed (with the COG movements of their codes), values changed (beyond each indicator's \
            tolerance first, largest first), status changes, and the data-quality alerts raised. \
            Within one warehouse it reads indicator_history (see --keep-history of run and compute).
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, csv, json
    }

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "A run id, or a date (YYYY-MM-DD): the changes of the computes after it.")
    var since: String?

    @Option(name: .long, help: "The earlier warehouse, with --to: compare two warehouses value by value.")
    var from: String?

    @Option(name: .long, help: "The later warehouse, with --from.")
    var to: String?

    @Option(name: .long, help: "Relative change under which a value counts as unchanged (0.001 = 0.1 %); each indicator's own by default.")
    var tolerance: Double?

    @Option(name: .long, help: "Absolute change under which a value counts as unchanged, instead of a relative one.")
    var absoluteTolerance: Double?

    @Option(name: .long, help: "text (a summary), csv (every value changed) or json (everything).")
    var format: Format = .text

    @Option(name: .long, help: "The file to write; standard output when absent.")
    var output: String?

    @Option(name: .long, help: "Values listed in the text summary.")
    var limit = 20

    func validate() throws {
        if (from == nil) != (to == nil) { throw ValidationError("--from and --to go together: two warehouses to compare.") }
        if from != nil && since != nil { throw ValidationError("--since reads one warehouse's history; not with --from and --to.") }
        if let tolerance, tolerance < 0 { throw ValidationError("--tolerance is a relative change of 0 or more.") }
    }

    func run() throws {
        let reader = ChangeReader(tolerance: tolerance, absoluteTolerance: absoluteTolerance)
        let report: ChangeReport
        if let from, let to {
            for path in [from, to] where !FileManager.default.fileExists(atPath: path) {
                throw ValidationError("no warehouse at \(path).")
            }
            report = try reader.changes(from: try Warehouse(path: from), to: try Warehouse(path: to))
        } else {
            guard try global.warehouseExists() else { throw ValidationError("no warehouse at \(global.warehouse) yet: nothing to compare.") }
            let warehouse = try global.openWarehouse()
            report = try reader.changes(in: warehouse, since: try since.map { try Self.run(of: $0, in: warehouse) })
        }
        let data: Data = switch format {
        case .text: Data(report.summary(limit: limit).utf8)
        case .csv: CSVDocument().data(header: report.valueGrid.header, rows: report.valueGrid.rows)
        case .json: try report.json()
        }
        if let output {
            try AtomicFile.write(to: output) { try data.write(to: $0) }
        } else {
            FileHandle.standardOutput.write(data)
        }
    }

    /// A run id as given, or the last run started before a date.
    private static func run(of since: String, in warehouse: Warehouse) throws -> Int64 {
        if let id = Int64(since) { return id }
        guard since.range(of: #"^\d{4}-\d{2}-\d{2}"#, options: .regularExpression) != nil else {
            throw ValidationError("--since takes a run id (see `observatoire status`) or a date YYYY-MM-DD, not '\(since)'.")
        }
        return try RunJournal.lastRun(startedBefore: since, in: warehouse)
    }
}
