import ArgumentParser
import Export
import Foundation
import Reports
import Territories
import Warehouse

extension PortraitFormat: ExpressibleByArgument {}

struct PortraitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "portrait",
        abstract: "Write the portrait socio-économique of a territory: HTML, Markdown, CSV or XLSX.",
        discussion: """
            Each indicator of pipelines/reports/portrait.yaml with its value, its reference \
            territories' (EPCI, département, région, France, zones the territory lies in), its \
            change since the previous period, its rank among its peers and its specificity index; \
            secret values are shown as s. The figures are recorded in the table report_portrait. \
            The page is laid out by pipelines/reports/templates/portrait.{html,md}.mustache.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The territory: code, prefixed code (EPCI:246200364, ZONE:bassin-minier) or name; not with --all.")
    var territory: String?

    @Option(name: .long, help: "html, md, csv or xlsx.")
    var format: PortraitFormat = .html

    @Option(name: .long, help: "The file to write; standard output when absent (not for xlsx).")
    var output: String?

    @Flag(name: .long, help: "CSV for French Excel: ';', decimal comma, BOM, CRLF, French headers, codes kept as text.")
    var excel = false

    @Flag(name: .long, help: "One portrait per territory of --level inside --within, written to --output-dir.")
    var all = false

    @Option(name: .long, help: "With --all: \(ExportRequest.Level.allCases.map(\.rawValue).joined(separator: ", ")) (any case).")
    var level: ExportRequest.Level?

    @Option(name: .long, help: "With --all: only territories inside this one; France by default.")
    var within = "FR"

    @Option(name: .customLong("output-dir"), help: "With --all: the folder of the portraits, one file per territory (EPCI-246200364.html).")
    var outputDirectory: String?

    @Option(name: .long, help: "The geography; the most recent normalised one by default.")
    var geography: Int?

    func validate() throws {
        if excel && format != .csv { throw ValidationError("--excel applies to CSV only: add --format csv.") }
        if all {
            if territory != nil { throw ValidationError("Give a territory or --all, not both.") }
            if level == nil || outputDirectory == nil { throw ValidationError("--all needs --level and --output-dir, e.g. --all --level epci --output-dir portraits/.") }
            if output != nil { throw ValidationError("--all writes one file per territory: give --output-dir, not --output.") }
        } else {
            if territory == nil { throw ValidationError("Name a territory (e.g. EPCI:246200364, \"Lens\"), or give --all --level LEVEL.") }
            if level != nil || outputDirectory != nil { throw ValidationError("--level and --output-dir go with --all.") }
            if !format.isText && output == nil { throw ValidationError("An XLSX portrait needs --output FILE.") }
        }
    }

    func run() throws {
        // A portrait is also written to report_portrait: it writes, so it takes the lock.
        let warehouse = try global.openWarehouseForWriting()
        let directory = try TerritoryDirectory(warehouse: warehouse, geography: geography)
        let job = PortraitJob(warehouse: warehouse, layout: try PortraitLayout(path: global.pipelines + "/reports/portrait.yaml"), directory: directory,
                              logger: global.makeLogger())
        let renderer = PortraitRenderer(templates: try PortraitTemplates(directory: global.pipelines + "/reports/templates"))
        if all {
            try writeAll(job, renderer)
        } else {
            try writeOne(job, renderer)
        }
    }

    private func writeOne(_ job: PortraitJob, _ renderer: PortraitRenderer) throws {
        let subject = try job.directory.resolve(territory ?? "")
        let portrait = try job.run(territories: [subject.id], command: "portrait \(subject.id)")[0]
        guard let output else {
            global.console.show(try renderer.text(portrait, format: format, excel: excel), terminator: "")
            return
        }
        try renderer.write(portrait, format: format, to: output, excel: excel)
        global.console.say("portrait of \(subject.label), \(portrait.entries.count) indicators → \(output)")
    }

    /// One file per territory, named from its id; prints the time it took.
    private func writeAll(_ job: PortraitJob, _ renderer: PortraitRenderer) throws {
        guard let level, let outputDirectory else { return }
        let clock = ContinuousClock()
        let started = clock.now
        let within = try job.directory.resolve(self.within)
        let ids = try job.warehouse.read { db in
            try TerritoryStore(geography: job.directory.geography).selection(level: level.code, within: within.id, db).map(\.id).sorted()
        }
        try FileManager.default.createDirectory(atPath: outputDirectory, withIntermediateDirectories: true)
        let portraits = try job.run(territories: ids, command: "portrait --all --level \(level.rawValue) --within \(within.id)")
        for portrait in portraits {
            let path = URL(fileURLWithPath: outputDirectory).appendingPathComponent(PortraitRenderer.fileName(of: portrait, format: format)).path
            try renderer.write(portrait, format: format, to: path, excel: excel)
        }
        let index = try renderer.writeIndex(portraits, format: format, layout: job.layout, scope: "\(level.rawValue) dans \(within.label)",
                                            in: outputDirectory)
        let seconds = (clock.now - started).seconds
        global.console.say("\(ids.count) portraits (\(level.rawValue) in \(within.label)) → \(outputDirectory) in \(String(format: "%.2f", seconds)) s; index: \(index)")
    }
}
