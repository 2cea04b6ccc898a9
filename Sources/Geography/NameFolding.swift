import Foundation

/// Territory names made comparable: no accents, no case, punctuation as spaces, so
/// that "henin carvin" finds "Hénin-Carvin" and "lens lievin" the "CA de Lens - Liévin".
public enum NameFolding {
    public static func fold(_ name: String) -> String {
        let stripped = name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "fr_FR"))
            .replacingOccurrences(of: "œ", with: "oe").replacingOccurrences(of: "æ", with: "ae")
        let words = stripped.lowercased().split { !$0.isLetter && !$0.isNumber }
        return words.joined(separator: " ")
    }

    /// Folded words of a query, each of which must appear in a folded name.
    public static func words(of query: String) -> [String] {
        fold(query).split(separator: " ").map(String.init)
    }
}
