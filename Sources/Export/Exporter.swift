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
        let table = try ExportTable(request: request, warehouse: warehouse)
        switch format {
        case .csv:
            let (csv, metadata) = CSVExportWriter().data(for: table)
            try AtomicFile.write(to: path) { try csv.write(to: $0) }
            try AtomicFile.write(to: CSVDocument.sidecarPath(of: path)) { try metadata.data().write(to: $0) }
        case .json:
            try AtomicFile.write(to: path) { try JSONExportWriter().data(for: table).write(to: $0) }
        case .xlsx:
            try AtomicFile.write(to: path) { try XLSXExportWriter().write(table, to: $0.path) }
        }
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
