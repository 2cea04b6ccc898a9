import Core

/// Choices the user makes for one `ingest`.
public struct IngestOptions: Sendable {
    /// Force this source instead of recognising files from their header.
    public var sourceID: String?
    /// Force this vintage instead of the source's rule.
    public var vintage: String?
    /// Pad codes that lost their leading zero instead of refusing the file.
    public var repairLeadingZeros: Bool
    /// The COG vintage of the files' codes, when the source does not say and the
    /// inference made by `normalise` should not be trusted.
    public var geographyOfInput: Int?
    /// Told the rows read of each file while it is read (every 1,024 rows), to show them.
    public var progress: ProgressHandler?
    /// Diagnostics files: also keep one row per diagnostic (table `diagnostics`), not only
    /// the counts.
    public var keepRows: Bool

    public init(sourceID: String? = nil, vintage: String? = nil, repairLeadingZeros: Bool = false, geographyOfInput: Int? = nil,
                progress: ProgressHandler? = nil, keepRows: Bool = false) {
        self.sourceID = sourceID
        self.vintage = vintage
        self.repairLeadingZeros = repairLeadingZeros
        self.geographyOfInput = geographyOfInput
        self.progress = progress
        self.keepRows = keepRows
    }
}
