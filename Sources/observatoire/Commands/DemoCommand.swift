import ArgumentParser
import Foundation
import Pipeline

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
        let written = try DemoOutputs(warehouse: warehouse, pipelines: global.pipelines, directory: outputDirectory, logger: global.makeLogger()).write(geography: summary.geography)
        ExportPresenter(console: global.console).warnNotComputed(written.tableMissing, scope: "the demo's indicator table")

        DemoPresenter(console: global.console).present(summary, written: written, warehouse: warehouse.path)
    }
}
