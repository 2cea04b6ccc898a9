import Cartography
import Catalog
import Core
import GRDB
import Tabular
import Warehouse

/// Loads a layer of contours: each feature's code checked like any code of a published
/// file, its geometry checked valid by GEOS (a self-intersecting commune is rejected,
/// naming the feature and GEOS's reason), and kept as WKB in `contour_features`.
struct ContourLoader: RecordLoader {
    private let writer: ContourStore.FeatureWriter
    private let features: [PolygonFeature]
    private let codeKind: CodeKind
    private let codeColumn: (index: Int, name: String)
    private let nameColumn: Int?
    private let context: GeosContext
    private var seen: [String: Int] = [:]
    private(set) var valuesWritten = 0
    let unusedColumns: [String]

    init(definition: SourceDefinition, header: HeaderIndex, features: [PolygonFeature], fileID: Int64, _ db: Database) throws {
        guard let key = definition.key, let keyColumn = key.columns.first else {
            throw ObservatoireError(.invalidDefinition, "source \(definition.id) names no key column for its contours")
        }
        codeKind = key.code
        let code = try header.require(keyColumn)
        codeColumn = (code, keyColumn)
        let name = try definition.contours?.name.map { try header.require($0) }
        nameColumn = name
        self.features = features
        context = try GeosContext()
        writer = try ContourStore.FeatureWriter(fileID: fileID, db)
        unusedColumns = header.unused(used: Set([code, name].compactMap { $0 }), ignored: definition.ignore ?? [])
    }

    /// `record.line` is the feature's position in the layer.
    mutating func load(_ record: CSVRecord, zeros: inout LeadingZeroPolicy) throws -> Rejection? {
        var code = record.string(at: codeColumn.index)
        switch Self.checkCode(record.bytes(at: codeColumn.index), kind: codeKind, line: record.line, column: codeColumn.name, zeros: &zeros) {
        case .keep: break
        case .replace(let repaired): code = repaired
        case .reject(let rejection): return rejection
        }
        if let first = seen[code] {
            return Rejection(line: record.line, column: codeColumn.name, value: code,
                             reason: "feature \(first) has the same code: one contour per territory")
        }
        let feature = features[record.line - 1]
        let geometry = try GeosGeometry(feature.geometry, in: context)
        guard try geometry.isValid() else {
            return Rejection(line: record.line, column: "geometry", value: feature.label,
                             reason: "invalid geometry (\(try geometry.validityReason())): repair it (QGIS: Fix geometries) and export the layer again")
        }
        seen[code] = record.line
        let level = code.utf8.withContiguousStorageIfAvailable { codeKind.level(of: $0) } ?? "COM"
        try writer.write(feature: record.line, level: level, code: code,
                         name: nameColumn.map { record.string(at: $0) }, wkb: try geometry.wkb(), vertices: feature.geometry.vertexCount)
        valuesWritten += 1
        return nil
    }
}
