import ArgumentParser
import Export
import Foundation
import Territories

extension ExportRequest.Level: ExpressibleByArgument {
    /// A level by its name or its code, in any case, accents ignored: `epci`, `EPCI`,
    /// `Commune`, `COM`, `Département`, `DEP`.
    public init?(argument: String) {
        let folded = argument.folding(options: .diacriticInsensitive, locale: nil).lowercased()
        guard let level = Self.allCases.first(where: { $0.rawValue == folded || $0.code.lowercased() == folded }) else { return nil }
        self = level
    }
}
extension ExportRequest.Format: ExpressibleByArgument {}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write indicator values to CSV, XLSX or JSON (long: one row per value, or wide), or on the territories' contours to GeoPackage or GeoJSON.",
        discussion: """
            Every row carries the territory's code, level and name, the period, the value, its \
            status in a column of its own (a value that is not ok or partial is never a number), \
            its unit, coverage, communes, estimated share and method. An indicator asked for \
            that has no value at this level gets rows (long) or a column (wide) saying why, and \
            a warning. Workbooks and --excel CSV have French headers and statuses; plain CSV \
            and JSON have ids and codes. The sources and each column's label are in the sidecar \
            FILE.metadata.json of a CSV, the sheet Métadonnées of a workbook, the JSON document itself. \
            gpkg and geojson write one feature per territory on the contours of the warehouse, \
            each indicator and period a number column and a status column (taux_pauvrete_2021, \
            taux_pauvrete_2021_statut): a GeoPackage in Lambert-93 with a layer of the communes and \
            one of their EPCI for --level commune, GeoJSON in WGS84 for the level asked.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "Indicator ids, comma-separated (see `observatoire indicators list`).")
    var indicators: String

    @Option(name: .long, help: "Level of the rows: \(ExportRequest.Level.allCases.map(\.rawValue).joined(separator: ", ")) (any case; or its code: COM, EPCI, DEP…).")
    var level: ExportRequest.Level

    @Option(name: .long, help: "Only territories inside this one (code, prefixed code or name), e.g. ZONE:bassin-minier; France by default.")
    var within = "FR"

    @Option(name: .long, help: "csv, xlsx, json, or on the contours: gpkg (GeoPackage, Lambert-93, communes and their EPCI) or geojson (WGS84).")
    var format: ExportRequest.Format = .csv

    @Flag(name: .long, help: "One row per territory, one column per indicator and period.")
    var wide = false

    @Flag(name: .long, help: "CSV for French Excel: ';', decimal comma, BOM, CRLF.")
    var excel = false

    @Option(name: .long, help: "The file to write.")
    var output: String

    @Option(name: .long, help: "The geography; the most recent computed one by default.")
    var geography: Int?

    func validate() throws {
        if excel && format != .csv { throw ValidationError("--excel applies to CSV only.") }
        if indicators.split(separator: ",").isEmpty { throw ValidationError("Name at least one indicator, e.g. --indicators population.") }
    }

    func run() throws {
        let warehouse = try global.openWarehouse()
        let directory = try TerritoryDirectory(warehouse: warehouse, geography: geography)
        let within = try directory.resolve(self.within)
        let request = ExportRequest(indicators: indicators.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) },
                                    level: level, within: within.id, geography: directory.geography, wide: wide, excel: excel)
        let table = try Exporter(warehouse: warehouse, logger: global.makeLogger()).export(request, format: format, to: output)
        ExportPresenter(console: global.console).present(table, scope: "\(level.rawValue) in \(within.label)", output: output)
    }
}
