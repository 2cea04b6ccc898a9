/// The French words for the status of a value, as a table handed to an official shows it.
/// The warehouse keeps the codes (`ok`, `secret` …); a workbook or a French Excel CSV
/// writes these words, in a column of their own, never in a cell meant for a number.
public enum StatusLabel {
    /// A requested indicator that has no value at the level asked (the reason goes with it).
    public static let notComputed = "not-computed"

    public static func french(_ status: String) -> String {
        switch status {
        case "ok": "ok"
        case "partial": "partiel"
        case "insufficient-coverage": "couverture insuffisante"
        case "small-count": "effectif trop faible"
        case "secret": "secret statistique"
        case "missing": "non disponible"
        case "not-applicable": "sans objet"
        case notComputed: "non calculé"
        default: status
        }
    }
}
