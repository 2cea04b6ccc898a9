import Catalog
import Core
import Foundation
import Geography
import GRDB
import Warehouse

/// Builds the `territories` and `memberships` of one geography from the loaded COG,
/// the EPCI composition of the same year and the zones of `pipelines/zones`.
struct TerritoryBuilder {
    let geography: Int
    let zones: ZoneCatalog
    let history: CommuneHistory
    let weighting: any SplitWeighting

    struct Counts: Sendable, Equatable {
        var byLevel: [String: Int] = [:]
        var memberships = 0
        /// Which composition file the EPCIs come from, or why there are none.
        var epciSource = ""
        /// Communes of the composition that are not communes of the geography, and the reverse.
        var epciMismatches: [String] = []
        /// The other compositions of the same date, compared with the one used.
        var epciComparisons: [String] = []
        var zoneNotes: [String] = []
        /// The EPCIs of each zone declared by EPCI, whose full counts make the zone's.
        var zoneEPCIs: [String: [String]] = [:]
    }

    private var store: TerritoryStore { TerritoryStore(geography: geography) }

    func build(_ db: Database) throws -> Counts {
        var counts = Counts()
        let vintage = String(geography)
        guard try GeographyStore.hasCommunes(vintage: vintage, db) else {
            throw ObservatoireError(.missingReference, "no COG \(geography) communes file is loaded: ingest cog/\(geography)/communes.csv to name the territories of geography \(geography)")
        }
        try store.removeAll(db)
        let writer = try TerritoryStore.Writer(geography: geography, db)
        func add(_ level: String, _ code: String, _ name: String, detail: String? = nil) throws {
            let territory = level == "FR" ? "FR" : "\(level):\(code)"
            try writer.add(territory: territory, level: level, code: code, name: name, searchName: NameFolding.fold(name), detail: detail)
        }

        try add("FR", "FR", "France")
        let regions = try GeographyStore.vintage(of: .regions, for: vintage, db)
        for region in try GeographyStore.regions(vintage: regions, db) {
            try add(region.level, region.code, region.name)
        }
        let departements = try GeographyStore.vintage(of: .departements, for: vintage, db)
        for departement in try GeographyStore.departements(vintage: departements, db) {
            try add(departement.level, departement.code, departement.name)
        }
        for commune in try GeographyStore.communesAndArrondissements(vintage: vintage, db) {
            try add(commune.level, commune.code, commune.name)
        }
        try store.addCOGMemberships(communes: vintage, departements: departements, regions: regions, db)

        try addEPCIs(db, add: add, counts: &counts)
        try addZones(db, add: add, counts: &counts)
        // An EPCI or a zone lies in the départements and régions of its communes.
        try store.addGroupingsToTheirDepartementsAndRegions(db)
        counts.byLevel = try store.countByLevel(db)
        counts.memberships = try store.membershipCount(db)
        return counts
    }

    /// EPCIs of the composition published for the same 1 January, INSEE's preferred
    /// (it follows the COG), DGCL's otherwise.
    private func addEPCIs(_ db: Database, add: (String, String, String, String?) throws -> Void, counts: inout Counts) throws {
        guard let file = try FileJournal.epciComposition(vintage: String(geography), db) else {
            counts.epciSource = "no EPCI composition of \(geography) loaded: no EPCI territories"
            return
        }
        let fileID = file.fileID
        counts.epciSource = "\(file.sourceID) \(file.name)"
        let names = Dictionary(try GeographyStore.epciList(vintage: String(geography), db).map { ($0.code, ($0.name, $0.nature)) },
                               uniquingKeysWith: { _, last in last })
        for epci in try GeographyStore.epcis(ofComposition: fileID, excluding: CodeKind.noEPCI, db) {
            let code = epci.code
            try add("EPCI", code, names[code]?.0 ?? epci.name ?? code, names[code]?.1 ?? epci.nature)
        }
        try store.addEPCIMemberships(composition: fileID, noEPCI: CodeKind.noEPCI, db)
        counts.epciComparisons = try compareCompositions(used: fileID, db)
        counts.epciMismatches = try store.epciMismatches(composition: fileID, db)
    }

    /// Compares the composition used with every other one published for the same date
    /// (INSEE's and DGCL's): communes they place in different EPCIs, or that one lacks.
    private func compareCompositions(used fileID: Int64, _ db: Database) throws -> [String] {
        try FileJournal.epciCompositions(vintage: String(geography), excluding: fileID, db).map { other in
            let differences = try GeographyStore.compositionDifferences(fileID, other.fileID, db)
            let agreeing = try GeographyStore.compositionAgreement(fileID, other.fileID, db)
            let detail = differences.isEmpty ? "" : "; \(differences.count) differ: \(differences.prefix(10).joined(separator: ", "))"
            return "agrees with \(other.sourceID) (file \(other.fileID)) on \(agreeing) communes\(detail)"
        }
    }

    /// Zones, with their communes carried to this geography when declared on an older COG.
    /// A zone of EPCIs takes their communes in the composition of this geography.
    private func addZones(_ db: Database, add: (String, String, String, String?) throws -> Void, counts: inout Counts) throws {
        for zone in zones.zones {
            var communes: Set<String>
            var reported: Set<String> = []
            // A zone of communes has in full the communes it declares.
            var fullCount: Int?
            switch try zone.members(directory: zones.directory) {
            case .communes(let codes):
                communes = Set(codes)
                if zone.geography > geography {
                    counts.zoneNotes.append("zone \(zone.id) is declared on COG \(zone.geography), newer than \(geography): left out")
                    continue
                }
                let declared = try history.communes(in: zone.geography)
                let unknown = communes.subtracting(declared)
                reported = unknown
                if !unknown.isEmpty {
                    counts.zoneNotes.append("zone \(zone.id): \(unknown.count) codes are not communes of COG \(zone.geography) (e.g. \(unknown.sorted().prefix(5).joined(separator: ", ")))")
                }
                if zone.geography < geography {
                    let passage = try PassageBuilder(history: history, weighting: weighting).passage(from: zone.geography, to: geography)
                    let converted = Set(passage.rows.filter { communes.contains($0.fromCode) }.map(\.toCode))
                    // A commune nouvelle made with communes outside the zone now straddles it.
                    let straddling = Set(passage.rows.filter { converted.contains($0.toCode) && !communes.contains($0.fromCode) }.map(\.toCode))
                    if !straddling.isEmpty {
                        counts.zoneNotes.append("zone \(zone.id): \(straddling.count) communes of COG \(geography) also cover communes of COG \(zone.geography) outside the zone, and are counted in it (\(straddling.sorted().prefix(5).joined(separator: ", ")))")
                    }
                    communes = converted
                }
                fullCount = communes.count
            case .epci(let codes):
                counts.zoneEPCIs["ZONE:\(zone.id)"] = codes.map { "EPCI:\($0)" }
                communes = try store.memberCodes(ofAnyOf: codes.map { "EPCI:\($0)" }, db)
                let known = try store.codes(level: "EPCI", db)
                let missing = codes.filter { !known.contains($0) }
                if !missing.isEmpty {
                    counts.zoneNotes.append("zone \(zone.id): EPCI \(missing.joined(separator: ", ")) not in the \(geography) composition")
                }
            }
            let known = try store.codes(level: "COM", db)
            let unnamed = communes.subtracting(known).subtracting(reported)
            if !unnamed.isEmpty {
                counts.zoneNotes.append("zone \(zone.id): \(unnamed.count) communes are not in the loaded COG \(geography) communes file (e.g. \(unnamed.sorted().prefix(5).joined(separator: ", ")))")
            }
            try add("ZONE", zone.id, zone.label, zone.source)
            if let fullCount {
                try store.setDeclaredCommunes(fullCount, of: "ZONE:\(zone.id)", db)
            }
            try store.addMemberships(of: communes.intersection(known).sorted().lazy.map { "COM:\($0)" }, in: "ZONE:\(zone.id)", db)
        }
    }
}
