import Catalog
import Geography
import GRDB
import Logging
import Warehouse

/// The `normalise` stage: every loaded observation onto the communes of one COG vintage,
/// and the territories and memberships of that geography, in one transaction.
public struct NormaliseJob {
    public let warehouse: Warehouse
    public let zones: ZoneCatalog
    public let logger: Logger

    public init(warehouse: Warehouse, zones: ZoneCatalog, logger: Logger) {
        self.warehouse = warehouse
        self.zones = zones
        self.logger = logger
    }

    /// Oldest vintage considered when inferring the geography of a file.
    static let oldestInferredVintage = 1999

    public func run(target: Int, command: String) throws -> NormaliseSummary {
        try RunJournal.transaction(command: command, in: warehouse, headline: \.headline) { runID, db in
            try normalise(target: target, runID: runID, db)
        }
    }

    /// Normalises inside a transaction a pipeline run holds.
    public func run(target: Int, runID: Int64, in db: Database) throws -> NormaliseSummary {
        try normalise(target: target, runID: runID, db)
    }

    /// The most recent COG whose communes and mouvements are both loaded: the default target.
    public static func latestGeography(_ db: Database) throws -> Int? {
        try GeographyStore.referenceVintage(db).flatMap { Int($0) }
    }

    private func normalise(target: Int, runID: Int64, _ db: Database) throws -> NormaliseSummary {
        var summary = NormaliseSummary(runID: runID, target: target)
        let history = try ReferenceData.history(db)
        summary.historyVintage = history.referenceVintage
        _ = try history.communes(in: target)  // a target newer than the loaded COG is refused here

        var files = try FileJournal.observationLoads(db)
        try inferGeographies(of: &files, target: target, history: history, db)
        let weighting = PopulationWeights(tables: try ReferenceData.populationTables(db))

        var passages: [Int: PassageTable] = [:]
        let builder = PassageBuilder(history: history, weighting: weighting)
        let converter = ObservationConverter(target: target)
        try ObservationStore.dropNormalisedIndex(db)  // built again at the end, in one sort
        try ObservationStore.removeNormalised(geography: target, db)
        for file in files {
            var report = NormaliseSummary.FileReport(file: file)
            guard let geography = file.geography else {
                report.note = "no commune codes to infer its geography from: left out"
                summary.files.append(report)
                continue
            }
            guard geography <= target else {
                report.note = "its geography (COG \(geography)) is newer than the target \(target): left out"
                summary.files.append(report)
                continue
            }
            if passages[geography] == nil {
                let table = try builder.passage(from: geography, to: target)
                try PassageStore.replace(from: table.fromVintage, to: table.toVintage, with: table.rows.lazy.map(Self.stored), db)
                passages[geography] = table
            }
            report.counts = try converter.convert(fileID: file.fileID, geography: geography, db)
            report.unmappedExamples = try ObservationStore.unmappedExamples(geography: target, fileID: file.fileID, limit: 5, db)
            summary.files.append(report)
            logger.info("Normalised file", metadata: [
                "file.id": "\(file.fileID)", "source": "\(file.sourceID)", "geography": "\(geography)", "target": "\(target)",
                "observations": "\(report.counts.written)", "unmapped.codes": "\(report.counts.unmappedCodes)",
            ])
        }
        try ObservationStore.buildNormalisedIndex(db)
        summary.passages = passages.values.sorted { $0.fromVintage < $1.fromVintage }.map { table in
            NormaliseSummary.PassageReport(from: table.fromVintage, rows: table.rows.count,
                                           changed: table.rows.filter { $0.kind != .identity }.count,
                                           splits: Set(table.rows.filter { $0.weight < 1 }.map(\.fromCode)).count,
                                           vanished: table.vanished)
        }
        summary.territories = try TerritoryBuilder(geography: target, zones: zones, history: history, weighting: weighting).build(db)
        summary.partialTerritories = try MembershipCompleteness(geography: target, zoneEPCIs: summary.territories.zoneEPCIs).record(db)
        summary.contours = try ContourNormaliser(target: target, history: history) { vintage in
            try passages[vintage] ?? builder.passage(from: vintage, to: target)
        }.build(db)
        return summary
    }

    /// Gives each file without a declared or given geography the COG vintage its commune
    /// codes fit best (again at every run: a newer COG or another target may change the
    /// answer), and records the guess and its confidence in `files`.
    private func inferGeographies(of files: inout [FileJournal.ObservationLoad], target: Int, history: CommuneHistory, _ db: Database) throws {
        let inferable = files.indices.filter { files[$0].geography == nil || files[$0].geographyBasis?.hasPrefix(VintageGuess.prefix) == true }
        guard !inferable.isEmpty else { return }
        let lists = history.communesByVintage(max(Self.oldestInferredVintage, history.firstVintage)...history.referenceVintage)
        for index in inferable {
            let codes = try ObservationStore.communeCodes(fileID: files[index].fileID, db)
            guard let guess = VintageGuess.guess(codes: codes, lists: lists, atMost: target) else {
                files[index].geography = nil
                continue
            }
            files[index].geography = guess.vintage
            files[index].geographyBasis = guess.summary
            try FileJournal.setGeography(fileID: files[index].fileID, geography: guess.vintage, basis: guess.summary, db)
        }
    }

    /// A row of a passage table as the warehouse stores it.
    private static func stored(_ passage: Passage) -> PassageStore.Row {
        PassageStore.Row(fromCode: passage.fromCode, toCode: passage.toCode, weight: passage.weight, kind: passage.kind.rawValue,
                         basis: passage.basis, events: passage.events.isEmpty ? nil : passage.events.joined(separator: "; "))
    }
}
