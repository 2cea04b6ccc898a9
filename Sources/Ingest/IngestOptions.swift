/// Choices the user makes for one `ingest`.
public struct IngestOptions: Sendable {
    /// Force this source instead of recognising files from their header.
    public var sourceID: String?
    /// Force this vintage instead of the source's rule.
    public var vintage: String?
    /// Pad codes that lost their leading zero instead of refusing the file.
    public var repairLeadingZeros: Bool

    public init(sourceID: String? = nil, vintage: String? = nil, repairLeadingZeros: Bool = false) {
        self.sourceID = sourceID
        self.vintage = vintage
        self.repairLeadingZeros = repairLeadingZeros
    }
}
