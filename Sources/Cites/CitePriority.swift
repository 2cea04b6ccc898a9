/// The cités ranked by priority: a social and a heritage score from the rules, a class
/// from their thresholds, and optionally a selection in rank order up to a budget of
/// dwellings. A missing criterion leaves its part without a score, and says so.
public struct CitePriority: Sendable {
    public enum Class: String, Sendable, CaseIterable {
        case both = "enjeux social et patrimonial forts"
        case social = "enjeu social fort"
        case heritage = "enjeu patrimonial fort"
        case other = "autres"
    }

    public struct Entry: Sendable, Equatable {
        public let rank: Int
        public let cite: CiteInventory.Cite
        public let social: Double?
        public let heritage: Double?
        /// Mean of the parts that have a score.
        public let score: Double?
        public let classe: Class
        /// The criteria missing for this cité, by part (`social: part_ayants_droit`).
        public let missing: [String]
        /// nil without a budget.
        public var selected: Bool?
        public var cumulativeDwellings: Int?
    }

    public let entries: [Entry]
    public let budget: Int?

    /// Ranked by class (both, social, heritage, others), then score, highest first, then id.
    /// With a budget, cités are taken in rank order while their dwellings fit in what is
    /// left of it; one that does not fit (or whose dwellings are unknown) is passed over.
    public init(inventory: CiteInventory, rules: PriorityRules, budget: Int? = nil) {
        let scored = inventory.cites.map { cite in
            let social = Self.score(cite, rules.social)
            let heritage = Self.score(cite, rules.heritage)
            let parts = [social.value, heritage.value].compactMap { $0 }
            let strongSocial = (social.value ?? -1) >= rules.social.threshold
            let strongHeritage = (heritage.value ?? -1) >= rules.heritage.threshold
            let classe: Class = strongSocial && strongHeritage ? .both : strongSocial ? .social : strongHeritage ? .heritage : .other
            return (cite, social.value, heritage.value, parts.isEmpty ? nil : parts.reduce(0, +) / Double(parts.count), classe,
                    social.missing.map { "social: \($0)" } + heritage.missing.map { "patrimoine: \($0)" })
        }
        let order = Class.allCases
        let sorted = scored.sorted { a, b in
            let keyA = (order.firstIndex(of: a.4)!, -(a.3 ?? -1), a.0.id)
            let keyB = (order.firstIndex(of: b.4)!, -(b.3 ?? -1), b.0.id)
            return keyA < keyB
        }
        var left = budget ?? 0
        var cumulative = 0
        entries = sorted.enumerated().map { index, item in
            var entry = Entry(rank: index + 1, cite: item.0, social: item.1, heritage: item.2, score: item.3, classe: item.4, missing: item.5)
            if budget != nil {
                let fits = item.0.logements.map { $0 <= left } ?? false
                if fits, let dwellings = item.0.logements {
                    left -= dwellings
                    cumulative += dwellings
                }
                entry.selected = fits
                entry.cumulativeDwellings = cumulative
            }
            return entry
        }
        self.budget = budget
    }

    /// The weighted mean of a part's criterion scores; nil with the missing columns when any is missing.
    private static func score(_ cite: CiteInventory.Cite, _ part: PriorityRules.Part) -> (value: Double?, missing: [String]) {
        let missing = part.criteria.filter { cite.values[$0.column] == nil }.map(\.column)
        guard missing.isEmpty else { return (nil, missing) }
        let total = part.criteria.reduce(0) { $0 + $1.weight * $1.score(cite.values[$1.column]!) }
        return (total / part.criteria.reduce(0) { $0 + $1.weight }, [])
    }
}
