/// The COG vintage a file's commune codes most likely follow, with how sure we are.
///
/// Codes are compared with the commune list of each vintage restricted to the
/// départements present in the file, so a regional extract is recognised as well as a
/// national one.
public struct VintageGuess: Sendable, Equatable {
    /// The chosen vintage: the most recent of those that fit best, not after the target
    /// geography when one of them is not.
    public var vintage: Int
    /// Every vintage that fits exactly as well (their lists agree on these départements).
    public var equallyGood: [Int]
    /// Codes of the file that are not communes of the chosen vintage.
    public var unknown: Int
    /// Communes of the chosen vintage, in the file's départements, absent from the file.
    public var absent: Int
    /// Codes compared.
    public var codes: Int
    /// The next best vintage outside `equallyGood` and its mismatch count, if any.
    public var runnerUp: (vintage: Int, mismatches: Int)?

    public var isExact: Bool { unknown == 0 && absent == 0 }

    /// How every `summary` starts, so that an inferred geography is told from a declared one.
    public static let prefix = "inferred COG"

    /// One sentence for the files journal and the terminal.
    public var summary: String {
        let range = equallyGood.count > 1 ? " (COG \(equallyGood.min()!)–\(equallyGood.max()!) agree on these départements)" : ""
        let fit = isExact
            ? "all \(codes) commune codes match exactly"
            : "\(codes - unknown) of \(codes) codes match, \(unknown) unknown, \(absent) communes of its départements absent"
        let next = runnerUp.map { "; next best COG \($0.vintage) with \($0.mismatches) mismatches" } ?? ""
        return "\(Self.prefix) \(vintage): \(fit)\(range)\(next)"
    }

    public static func == (lhs: VintageGuess, rhs: VintageGuess) -> Bool {
        lhs.vintage == rhs.vintage && lhs.equallyGood == rhs.equallyGood && lhs.unknown == rhs.unknown
            && lhs.absent == rhs.absent && lhs.codes == rhs.codes
            && lhs.runnerUp?.vintage == rhs.runnerUp?.vintage && lhs.runnerUp?.mismatches == rhs.runnerUp?.mismatches
    }

    /// Guesses among the vintages of `lists` for the commune codes of one file; among
    /// vintages that fit equally well, prefers the most recent one not after `atMost`.
    public static func guess(codes: Set<String>, lists: [Int: Set<String>], atMost: Int = .max) -> VintageGuess? {
        guard !codes.isEmpty, !lists.isEmpty else { return nil }
        let departements = Set(codes.map(departement(of:)))
        let scored = lists.map { vintage, list -> (vintage: Int, unknown: Int, absent: Int) in
            let unknown = codes.subtracting(list).count
            let absent = list.lazy.filter { departements.contains(departement(of: $0)) && !codes.contains($0) }.count
            return (vintage, unknown, absent)
        }
        let best = scored.map { $0.unknown + $0.absent }.min()!
        let winners = scored.filter { $0.unknown + $0.absent == best }.map(\.vintage).sorted()
        let preferred = winners.last { $0 <= atMost } ?? winners.last!
        let chosen = scored.first { $0.vintage == preferred }!
        let runnerUp = scored.filter { !winners.contains($0.vintage) }
            .min { ($0.unknown + $0.absent, -$0.vintage) < ($1.unknown + $1.absent, -$1.vintage) }
            .map { (vintage: $0.vintage, mismatches: $0.unknown + $0.absent) }
        return VintageGuess(vintage: chosen.vintage, equallyGood: winners, unknown: chosen.unknown, absent: chosen.absent,
                            codes: codes.count, runnerUp: runnerUp)
    }

    /// Département of a commune code: two characters, three overseas (971…976).
    static func departement(of code: String) -> Substring {
        code.hasPrefix("97") ? code.prefix(3) : code.prefix(2)
    }
}
