import ArgumentParser
import Cites
import Export
import Foundation
import Pipeline
import Reports
import Territories
import Warehouse

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Every stage on the bundled demo territory (the Bassin minier), offline: warehouse, portraits, an indicator table.",
        discussion: """
            Runs the pipeline on raw/demo (as `run` does: incremental, in one transaction), then \
            writes the portraits of the Bassin minier and of its eight intercommunalités, and a \
            table of their key indicators, and prints where everything is.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: ArgumentHelp(
        "The demo's raw folder; by default $OBSERVATOIRE_DEMO_RAW, ./raw/demo, or the raw/demo folder beside the executable "
            + "(or in share/observatoire above it).",
        valueName: "dir"))
    var raw: String?

    @Option(name: .customLong("output-dir"), help: "Where the portraits and the indicator table go.")
    var outputDirectory = "warehouse/demo"

    /// The key indicators of the table written beside the portraits.
    static let indicators = ["population", "taux_pauvrete", "niveau_vie_median", "part_menages_imposes", "nombre_menages_fiscaux"]

    /// The raw folder must be found (see `BundledFolder`): a usage error otherwise.
    func validate() throws {
        _ = try BundledFolder.demoRaw.resolve(option: raw)
    }

    func run() throws {
        let raw = try BundledFolder.demoRaw.resolve(option: self.raw)
        let (warehouse, summary) = try global.openOrCreateWarehouse { warehouse in
            try global.makePipeline(warehouse).run(raw: [raw], geography: nil, force: false, command: "observatoire demo")
        }
        global.checkpoint(warehouse)

        let directory = try TerritoryDirectory(warehouse: warehouse, geography: summary.geography)
        let job = PortraitJob(warehouse: warehouse, layout: try PortraitLayout(path: global.pipelines + "/reports/portrait.yaml"),
                              directory: directory)
        let renderer = PortraitRenderer(templates: try PortraitTemplates(directory: global.pipelines + "/reports/templates"))
        let portraits = URL(fileURLWithPath: outputDirectory).appendingPathComponent("portraits").path
        try FileManager.default.createDirectory(atPath: portraits, withIntermediateDirectories: true)
        let basin = try directory.resolve("ZONE:bassin-minier")
        let epcis = try warehouse.read { db in
            try TerritorySelection.territories(level: .epci, within: "ZONE:bassin-minier-epci", geography: directory.geography, db)
        }
        var written: [String] = []
        for portrait in try job.run(territories: [basin.id] + epcis, command: "observatoire demo portraits") {
            for format in [PortraitFormat.html, .md] {
                let path = URL(fileURLWithPath: portraits).appendingPathComponent(PortraitRenderer.fileName(of: portrait, format: format)).path
                try renderer.write(portrait, format: format, to: path)
                written.append(path)
            }
        }
        let table = URL(fileURLWithPath: outputDirectory).appendingPathComponent("indicateurs-epci.xlsx").path
        let request = ExportRequest(indicators: Self.indicators, level: .epci, within: "ZONE:bassin-minier-epci",
                                    geography: directory.geography, wide: true, excel: false)
        ExportCommand.warnNotComputed(try Exporter(warehouse: warehouse).export(request, format: .xlsx, to: table), scope: "the demo's indicator table")
        // The cités of the demo inventory ranked, and the renovation programme's progress.
        let priority = try CitesPriorityJob(warehouse: warehouse, rules: try PriorityRules(path: global.pipelines + "/cites-priorite.yaml"))
            .run(budget: nil, command: "observatoire demo cites rank")
        let ranking = URL(fileURLWithPath: outputDirectory).appendingPathComponent("cites-priorite.csv").path
        try CitesPriorityJob.grid(priority).csv().write(toFile: ranking, atomically: true, encoding: .utf8)
        let progress = try RenovationProgressJob(warehouse: warehouse, targets: try ProgrammeTargets(path: global.pipelines + "/programmes.yaml"))
            .run(within: nil, command: "observatoire demo renovation progress")
        let programme = URL(fileURLWithPath: outputDirectory).appendingPathComponent("renovation-progress.csv").path
        try RenovationProgressJob.grid(progress).csv().write(toFile: programme, atomically: true, encoding: .utf8)
        let metadata = try DatasetteMetadata.write(for: warehouse)

        guard !global.quiet else { return }
        print("demo: \(summary.headline)")
        print("  warehouse            \(warehouse.path)   (sqlite3 -box \(warehouse.path) \"SELECT * FROM v_indicator_values LIMIT 5\")")
        print("  portraits            \(portraits)/   (\(written.count) files: the Bassin minier and its \(epcis.count) EPCI, HTML and Markdown)")
        print("  open first           \(written.first ?? "")")
        print("  indicator table      \(table)")
        print("  cités ranking        \(ranking)")
        print("  renovation progress  \(programme)")
        print("  Datasette metadata   \(metadata)   (datasette \(warehouse.path) -m \(metadata))")
    }
}
