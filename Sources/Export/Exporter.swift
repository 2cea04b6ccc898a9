import Cartography
import Foundation
import Logging
import Output
import Warehouse

/// Writes the indicator values an analyst asks for to a file, in the format asked, and
/// beside a CSV its metadata (`ExportMetadata`). Each file appears whole or not at all: it
/// is written beside the target and renamed.
public struct Exporter {
    public let warehouse: Warehouse
    public let logger: Logger

    public init(warehouse: Warehouse, logger: Logger) {
        self.warehouse = warehouse
        self.logger = logger
    }

    /// - Returns: the table written, for the summary line.
    @discardableResult
    public func export(_ request: ExportRequest, format: ExportRequest.Format, to path: String) throws -> ExportTable {
        var table = try ExportTable(request: request, warehouse: warehouse)
        var withoutContour: [String] = []
        switch format {
        case .csv:
            let (csv, metadata) = CSVExportWriter().data(for: table)
            try AtomicFile.write(to: path) { try csv.write(to: $0) }
            try AtomicFile.write(to: CSVDocument.sidecarPath(of: path)) { try metadata.data().write(to: $0) }
        case .json:
            try AtomicFile.write(to: path) { try JSONExportWriter().data(for: table).write(to: $0) }
        case .xlsx:
            try AtomicFile.write(to: path) { try XLSXExportWriter().write(table, to: $0.path) }
        case .geojson:
            let (layer, missing) = try GISExportWriter(warehouse: warehouse).layer(of: table, projection: nil)
            withoutContour = missing
            try AtomicFile.write(to: path) { try GeoJSONWriter().data(of: layer).write(to: $0) }
        case .gpkg:
            let gis = GISExportWriter(warehouse: warehouse)
            let projection = try Reprojection()
            var layers: [FeatureLayer] = []
            for level in GISExportWriter.levels(for: request.level) {
                var asked = request
                asked.level = level
                let (layer, missing) = try gis.layer(of: level == request.level ? table : try ExportTable(request: asked, warehouse: warehouse),
                                                     projection: projection)
                layers.append(layer)
                withoutContour += missing
            }
            try AtomicFile.write(to: path) { try GeoPackageWriter().write(layers, to: $0.path) }
        }
        table.withoutContour = withoutContour
        for missing in table.missing {
            logger.debug("Indicator without values", metadata: ["indicator": "\(missing.indicator)", "reason": "\(missing.reason)"])
        }
        logger.info("Exported indicators", metadata: [
            "file.path": "\(path)", "format": "\(format.rawValue)", "level": "\(request.level.code)", "within": "\(request.within)",
            "rows": "\(table.rows.count)", "territories": "\(table.territories.count)",
            "indicators": "\(table.writtenIndicators.count)", "indicators.missing": "\(table.missing.count)",
        ])
        return table
    }
}
