import Core

/// Failures of the geography: references missing or inconsistent, territories not found.
extension ErrorCode {
    /// A COG vintage, mouvements file or composition needed for the request is not loaded.
    public static let missingReference = ErrorCode(
        "missing-reference", remedy: "ingest the COG communes and mouvements files of the vintage named (observatoire fetch downloads them)")
    /// Conversion asked from a newer geography to an older one.
    public static let backwardConversion = ErrorCode(
        "backward-conversion", remedy: "normalise onto the newest geography of the files, or a later one (docs/geography.md)")
    /// The mouvements contradict the commune lists (a commune vanishes without successor).
    public static let inconsistentHistory = ErrorCode(
        "inconsistent-history", remedy: "load the communes and mouvements files of the same COG vintage, both unedited")
    /// A territory argument that matches nothing, or several things.
    public static let unknownTerritory = ErrorCode(
        "unknown-territory", remedy: "observatoire territories search NAME finds a territory's code (COM:62498, EPCI:246200364, ZONE:bassin-minier)")
    public static let ambiguousTerritory = ErrorCode("ambiguous-territory", remedy: "give one of the codes listed instead of the name")
    /// A zone definition that cannot be used.
    public static let invalidZone = ErrorCode("invalid-zone", remedy: "correct the zone definition under pipelines/zones (docs/geography.md, Zones)")
}
