import Foundation
import Warehouse

/// Writes the indicator values an analyst asks for to a file, in the format asked. The
/// file appears whole or not at all: it is written beside the target and renamed.
public struct Exporter {
    public let warehouse: Warehouse

    public init(warehouse: Warehouse) {
        self.warehouse = warehouse
    }

    /// - Returns: the table written, for the summary line.
    @discardableResult
    public func export(_ request: ExportRequest, format: ExportRequest.Format, to path: String) throws -> ExportTable {
        let table = try ExportTable(request: request, warehouse: warehouse)
        try AtomicFile.write(to: path) { temporary in
            switch format {
            case .csv: try CSVExportWriter().data(for: table).write(to: temporary)
            case .json: try JSONExportWriter().data(for: table).write(to: temporary)
            case .xlsx: try XLSXExportWriter().write(table, to: temporary.path)
            }
        }
        return table
    }
}
