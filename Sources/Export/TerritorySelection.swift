import GRDB
import Warehouse

/// Territories of one level inside another: the territory itself, its communes, and
/// every territory that holds one of its communes (the EPCIs of a zone, the communes of
/// an EPCI). Exports and portraits select their territories the same way.
public enum TerritorySelection {
    /// The ids of the territories of `level` inside `within`, in code order.
    public static func territories(level: ExportRequest.Level, within: String, geography: Int, _ db: Database) throws -> [String] {
        try TerritoryStore(geography: geography).selection(level: level.code, within: within, db).map(\.id).sorted()
    }
}
