/// One row of INSEE's *mouvements des communes*: a commune (or a delegated/associated
/// commune) before an event and what it became after it.
public struct CommuneChange: Sendable, Equatable {
    /// The event type (`MOD`): 10 renaming, 21 rétablissement, 31–34 fusions, 41 change
    /// of département …; kept for the conversion trace.
    public var mod: Int
    /// `DATE_EFF`, ISO `YYYY-MM-DD`.
    public var date: String
    public var typeBefore: String
    public var codeBefore: String
    public var typeAfter: String
    public var codeAfter: String

    public init(mod: Int, date: String, typeBefore: String, codeBefore: String, typeAfter: String, codeAfter: String) {
        self.mod = mod
        self.date = date
        self.typeBefore = typeBefore
        self.codeBefore = codeBefore
        self.typeAfter = typeAfter
        self.codeAfter = codeAfter
    }

    /// Both sides are communes in their own right: the rows that move data. Rows to or
    /// from a commune déléguée/associée only describe the inside of a commune nouvelle.
    var isCommuneToCommune: Bool { typeBefore == "COM" && typeAfter == "COM" && !codeBefore.isEmpty }

    /// The COG vintage (state on 1 January) in which the event is first visible: an
    /// event on 1 January of year Y is in COG Y, one later in the year in COG Y + 1.
    public var vintage: Int { Self.vintage(ofDate: date) }

    static func vintage(ofDate date: String) -> Int {
        let year = Int(date.prefix(4)) ?? 0
        return date.hasSuffix("-01-01") ? year : year + 1
    }

    /// A short label of the event type, in French as in INSEE's documentation.
    public var eventLabel: String {
        switch mod {
        case 10: "changement de nom"
        case 20: "création"
        case 21: "rétablissement"
        case 30: "suppression"
        case 31: "fusion simple"
        case 32: "création de commune nouvelle"
        case 33: "fusion association"
        case 34: "transformation de fusion association en fusion simple"
        case 35: "suppression de commune déléguée"
        case 41: "changement de code (département)"
        case 50: "changement de code (chef-lieu)"
        case 70, 71: "transformation de commune associée"
        default: "mouvement \(mod)"
        }
    }
}
