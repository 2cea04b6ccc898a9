import Cartography
import Core
import Warehouse

/// The cités minières of the reference lists loaded (`cites references`) whose communes lie
/// in a territory, as marks for a map: reprojected, coloured by the renovation progress of
/// the inventory cité that names them, labelled with their priority rank when asked.
public struct StoredCites {
    public enum Label: String, Sendable, CaseIterable {
        case none, rank, name
    }

    public let warehouse: Warehouse

    public init(warehouse: Warehouse) {
        self.warehouse = warehouse
    }

    /// The marks of the cités of `communes` (ids `COM:…`); a cité on both lists is drawn once.
    public func marks(in communes: Set<String>, projection: Reprojection, label: Label) throws -> [CiteMark] {
        let shapes = try warehouse.read { try CiteStore.shapes($0) }
        let context = try GeosContext()
        var seen: Set<String> = []
        var marks: [CiteMark] = []
        for shape in shapes where shape.communes.contains(where: { communes.contains("COM:" + $0) }) {
            // On both lists (UNESCO and ERBM): drawn once, as the inventory's cité or by name and communes.
            let key = shape.inventoryID ?? (shape.name.lowercased() + " " + shape.communes.sorted().joined(separator: ","))
            guard seen.insert(key).inserted else { continue }
            let projected = try projection.project(try GeosGeometry(wkb: shape.wkb, in: context).multiPolygon())
            let anchor = try GeosGeometry(projected, in: context).pointOnSurface()
            let text: String? = switch label {
            case .none: nil
            case .rank: shape.priorityRank.map(String.init)
            case .name: shape.name
            }
            marks.append(CiteMark(name: shape.name, geometry: projected, anchor: try anchor.coordinate(),
                                  progress: CiteMark.Progress(operations: shape.operations, inInventory: shape.inventoryID != nil), label: text))
        }
        return marks
    }
}
