import Cites
import Export
import Foundation
import Logging
import Reports
import Territories
import Warehouse

/// What `observatoire demo` writes after the pipeline has run on the demo territory: the
/// portraits of the Bassin minier and of its EPCIs, a table of their key indicators, the
/// cités ranking, the renovation programme's progress and Datasette's metadata.
public struct DemoOutputs {
    /// The key indicators of the table written beside the portraits.
    public static let indicators = ["population", "taux_pauvrete", "niveau_vie_median", "part_menages_imposes", "nombre_menages_fiscaux"]

    public let warehouse: Warehouse
    /// The folder holding pipelines/ definitions: reports, cités rules, programmes.
    public let pipelines: String
    public let directory: String
    public let logger: Logger

    public init(warehouse: Warehouse, pipelines: String, directory: String, logger: Logger) {
        self.warehouse = warehouse
        self.pipelines = pipelines
        self.directory = directory
        self.logger = logger
    }

    /// Where everything went, for the CLI to say.
    public struct Written: Sendable {
        public var portraitsFolder = ""
        public var portraits: [String] = []
        public var epcis = 0
        public var table = ""
        /// The indicators of the table that have no value, with the reason.
        public var tableMissing: [ExportTable.Missing] = []
        public var ranking = ""
        public var programme = ""
        public var metadata = ""
    }

    /// - Parameter geography: the run's, or nil for the most recent one normalised.
    public func write(geography requested: Int?) throws -> Written {
        var written = Written()
        let territories = try TerritoryDirectory(warehouse: warehouse, geography: requested)
        let geography = territories.geography
        let job = PortraitJob(warehouse: warehouse, layout: try PortraitLayout(path: pipelines + "/reports/portrait.yaml"), directory: territories, logger: logger)
        let renderer = PortraitRenderer(templates: try PortraitTemplates(directory: pipelines + "/reports/templates"))
        written.portraitsFolder = URL(fileURLWithPath: directory).appendingPathComponent("portraits").path
        try FileManager.default.createDirectory(atPath: written.portraitsFolder, withIntermediateDirectories: true)
        let basin = try territories.resolve("ZONE:bassin-minier")
        let epcis = try warehouse.read { db in
            try TerritoryStore(geography: geography).selection(level: "EPCI", within: "ZONE:bassin-minier-epci", db).map(\.id).sorted()
        }
        written.epcis = epcis.count
        for portrait in try job.run(territories: [basin.id] + epcis, command: "observatoire demo portraits") {
            for format in [PortraitFormat.html, .md] {
                let path = URL(fileURLWithPath: written.portraitsFolder).appendingPathComponent(PortraitRenderer.fileName(of: portrait, format: format)).path
                try renderer.write(portrait, format: format, to: path)
                written.portraits.append(path)
            }
        }
        written.table = file("indicateurs-epci.xlsx")
        let request = ExportRequest(indicators: Self.indicators, level: .epci, within: "ZONE:bassin-minier-epci",
                                    geography: geography, wide: true, excel: false)
        written.tableMissing = try Exporter(warehouse: warehouse, logger: logger).export(request, format: .xlsx, to: written.table).missing
        // The cités of the demo inventory ranked, and the renovation programme's progress.
        let priority = try CitesPriorityJob(warehouse: warehouse, rules: try PriorityRules(path: pipelines + "/cites-priorite.yaml"), logger: logger)
            .run(budget: nil, command: "observatoire demo cites rank")
        written.ranking = file("cites-priorite.csv")
        try CitesPriorityJob.grid(priority).csv().write(toFile: written.ranking, atomically: true, encoding: .utf8)
        let progress = try RenovationProgressJob(warehouse: warehouse, targets: try ProgrammeTargets(path: pipelines + "/programmes.yaml"), logger: logger)
            .run(within: nil, command: "observatoire demo renovation progress")
        written.programme = file("renovation-progress.csv")
        try RenovationProgressJob.grid(progress).csv().write(toFile: written.programme, atomically: true, encoding: .utf8)
        written.metadata = try DatasetteMetadata.write(for: warehouse)
        return written
    }

    private func file(_ name: String) -> String {
        URL(fileURLWithPath: directory).appendingPathComponent(name).path
    }
}
