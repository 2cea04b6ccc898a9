/// One row of a passage table: the share of a commune of the source geography that
/// lands in a commune of the target geography.
public struct Passage: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case identity
        /// Same commune, new code (change of département or of chef-lieu).
        case codeChange = "code-change"
        /// Several source communes end in this target (commune nouvelle, fusion).
        case merger
        /// The source commune is shared among several targets (rétablissement, création).
        case split
        /// Both across the years between the two geographies.
        case splitAndMerger = "split+merger"
    }

    public var fromCode: String
    public var toCode: String
    /// Share of the source commune's additive counts that goes to `toCode`.
    public var weight: Double
    public var kind: Kind
    /// Where split weights come from; nil when nothing was split.
    public var basis: String?
    /// The events crossed, oldest first: "2019-01-01 création de commune nouvelle 62001→62001".
    public var events: [String]
}

/// Everything needed to move figures from one COG vintage to another.
public struct PassageTable: Sendable {
    public let fromVintage: Int
    public let toVintage: Int
    public let rows: [Passage]
    /// Communes of the source vintage whose trail ends without a commune of the target
    /// (should not happen with a consistent COG; reported rather than dropped).
    public let vanished: [String]

    /// The rows starting at each source code.
    public func rows(from code: String) -> [Passage] { rows.filter { $0.fromCode == code } }
}
