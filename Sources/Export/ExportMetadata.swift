import Foundation
import Warehouse

/// What a table needs beside its rows to be handed over: the request, each column's id and
/// French label, the indicators asked for that have no value and why, the sources, and
/// the software that made it. Written beside a CSV (`epci.metadata.json` for `epci.csv`),
/// so that pandas and R read a clean table; inside a JSON export; as lines of a workbook's
/// sheet `Métadonnées`.
struct ExportMetadata {
    let table: ExportTable
    let grid: ExportGrid

    /// The JSON object (the rows of a JSON export are added to it).
    var object: [String: Any] {
        let request = table.request
        return [
            "geography": request.geography, "level": request.level.rawValue, "within": request.within,
            "indicators": request.indicators, "layout": request.wide ? "wide" : "long",
            "columns": grid.columns.map { ["id": $0.id, "label": $0.label] },
            "not_computed": table.missing.map { ["indicator": $0.indicator, "label": $0.label, "unit": $0.unit, "reason": $0.reason] },
            "sources": table.sources, "software": "observatoire \(SoftwareVersion.current)",
        ]
    }

    /// The sidecar of a CSV.
    func data() throws -> Data {
        try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    }

    /// The lines of a workbook's sheet `Métadonnées`.
    var lines: [String] {
        let request = table.request
        return ["Géographie : COG \(request.geography)", "Niveau : \(request.level.rawValue)", "Dans : \(request.within)",
                "Indicateurs : \(request.indicators.joined(separator: ", "))", "Produit par : observatoire \(SoftwareVersion.current)", ""]
            + table.missing.map { "Non calculé : \($0.indicator) (\($0.label)) : \($0.reason)" }
            + table.sources.map { "Source : \($0)" }
            + ["", "Colonnes (libellé : identifiant) :"] + grid.columns.map { "\($0.label) : \($0.id)" }
    }
}
