/// What happened to the observations of one file.
public struct ConversionCounts: Sendable, Equatable {
    /// Observations written on the target geography.
    public var written = 0
    /// Of which made by a conversion (recoded, merged or split communes).
    public var converted = 0
    /// Of which `missing` because a non-additive value cannot follow a merger or split, or
    /// because the file lacks some of the communes that make the target commune.
    public var notConvertible = 0
    public var unmappedCodes = 0
    public var unmappedObservations = 0
    /// Communes made from their arrondissements municipaux.
    public var rolledUp = 0
    /// Observations of levels that are not converted (IRIS), per level.
    public var leftOut: [String: Int] = [:]
}
