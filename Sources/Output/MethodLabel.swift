import Foundation

/// A value's method and flags in French, for what is handed to people (workbooks, French
/// Excel CSV, portraits). The warehouse keeps them in the English `compute` writes, which
/// scripts and tests match; each phrase `compute` composes has its French here, numbers
/// and variable codes carried over.
public enum MethodLabel {
    /// Phrases, the longer before those they contain; `(…)` groups are carried as `$1`, `$2`.
    private static let phrases: [(english: String, french: String)] = [
        ("grouped median of the communes' summed classes, interpolated", "médiane des classes additionnées des communes, interpolée"),
        ("grouped median of its classes, interpolated", "médiane de ses classes, interpolée"),
        ("ratio of sums over communes", "rapport des sommes des communes"),
        ("growth of sums over communes", "évolution des sommes des communes"),
        ("sum over communes", "somme des communes"),
        ("weighted_mean by ([A-Za-z0-9_]+), estimate", "moyenne pondérée par $1, estimation"),
        ("mean weighted by ([A-Za-z0-9_]+)", "moyenne pondérée par $1"),
        ("published components", "composantes publiées"),
        ("commune components", "composantes communales"),
        ("as published", "tel que publié"),
        ("published", "publié"),
        ("one secret commune", "une commune en secret statistique"),
        ("partial: ([0-9]+) secret communes left out", "partiel : $1 communes en secret statistique écartées"),
        ("([0-9]+) % of the weight imputed from ([A-Za-z0-9_]+)", "$1 % du poids imputé d'après $2"),
        ("([0-9]+) of its ([0-9]+) communes", "$1 de ses $2 communes"),
        ("no commune with data", "aucune commune n'a de données"),
        ("coverage below ([0-9.]+)", "couverture inférieure à $1"),
        ("([0-9.]+) in the denominator, under ([0-9.]+)", "$1 au dénominateur, moins de $2"),
        ("the median is in the open class \\(([0-9.]+) or more\\)", "la médiane est dans la classe ouverte ($1 ou plus)"),
        ("known issue ([A-Za-z0-9_.-]+) on ([0-9]+) communes?", "problème connu $1 sur $2 commune(s)"),
        ("known issue ([A-Za-z0-9_.-]+)", "problème connu $1"),
    ]

    private static let expressions: [(NSRegularExpression, String)] = phrases.map {
        // The phrases are constants of this file, checked by its tests.
        (try! NSRegularExpression(pattern: $0.english), $0.french)
    }

    public static func french(_ method: String) -> String {
        var text = method
        for (expression, template) in expressions {
            text = expression.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: template)
        }
        return text
    }
}
