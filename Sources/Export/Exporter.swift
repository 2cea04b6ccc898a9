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
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).partial")
        do {
            switch format {
            case .csv: try CSVExportWriter().data(for: table).write(to: temporary)
            case .json: try JSONExportWriter().data(for: table).write(to: temporary)
            case .xlsx: try XLSXExportWriter().write(table, to: temporary.path)
            }
            if FileManager.default.fileExists(atPath: url.path) { try FileManager.default.removeItem(at: url) }
            try FileManager.default.moveItem(at: temporary, to: url)
        } catch let error as ExportError {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw ExportError("cannot write \(path): \(error.localizedDescription)")
        }
        return table
    }
}
