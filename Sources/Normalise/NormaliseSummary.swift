import Warehouse

/// What `normalise` did, for the terminal and the runs journal.
public struct NormaliseSummary: Sendable {
    public let runID: Int64
    public let target: Int
    public var historyVintage = 0
    public var files: [FileReport] = []
    public var passages: [PassageReport] = []
    var territories = TerritoryBuilder.Counts()
    /// Territories with fewer communes in the geography than in full.
    var partialTerritories: [MembershipCompleteness.Partial] = []
    /// The contours put on the geography, when a contours layer is loaded.
    public var contours: ContourNormaliser.Report?

    init(runID: Int64, target: Int) {
        self.runID = runID
        self.target = target
    }

    public struct FileReport: Sendable {
        public let fileID: Int64
        public let sourceID: String
        public let name: String
        public let geography: Int?
        public let geographyBasis: String?
        public var counts = ConversionCounts()
        public var unmappedExamples: [String] = []
        public var note: String?

        init(file: FileJournal.ObservationLoad) {
            fileID = file.fileID
            sourceID = file.sourceID
            name = file.name
            geography = file.geography
            geographyBasis = file.geographyBasis
        }
    }

    public struct PassageReport: Sendable {
        public let from: Int
        public let rows: Int
        public let changed: Int
        public let splits: Int
        public let vanished: [String]
    }

    public var territoriesByLevel: [String: Int] { territories.byLevel }
    public var memberships: Int { territories.memberships }
    public var epciSource: String { territories.epciSource }
    public var epciMismatches: [String] { territories.epciMismatches }
    public var epciComparisons: [String] { territories.epciComparisons }
    public var zoneNotes: [String] { territories.zoneNotes }
    /// `EPCI:200093201 (5 of 95 communes, EPCI list insee-epci-2024.csv)`, one per partial territory.
    public var partialTerritoryLines: [String] {
        partialTerritories.map { "\($0.territory) (\($0.communes) of \($0.expected) communes, \($0.basis))" }
    }
    public var unmappedCodes: Int { files.reduce(0) { $0 + $1.counts.unmappedCodes } }

    public var headline: String {
        let observations = files.reduce(0) { $0 + $1.counts.written }
        return "geography \(target): \(files.count) files, \(observations) observations, \(unmappedCodes) unmapped codes, "
            + "\(territories.byLevel.values.reduce(0, +)) territories"
    }
}
