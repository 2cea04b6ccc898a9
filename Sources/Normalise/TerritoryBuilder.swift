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

    func build(_ db: Database) throws -> Counts {
        var counts = Counts()
        let vintage = String(geography)
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM cog_communes WHERE vintage = ? AND typecom = 'COM')",
                                arguments: [vintage]) == true else {
            throw ObservatoireError(.missingReference, "no COG \(geography) communes file is loaded: ingest cog/\(geography)/communes.csv to name the territories of geography \(geography)")
        }
        try db.execute(sql: "DELETE FROM territories WHERE geography = ?", arguments: [geography])
        try db.execute(sql: "DELETE FROM memberships WHERE geography = ?", arguments: [geography])
        let insert = try db.makeStatement(sql: """
            INSERT OR IGNORE INTO territories (geography, territory, level, code, name, search_name, detail) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        func add(_ level: String, _ code: String, _ name: String, detail: String? = nil) throws {
            let territory = level == "FR" ? "FR" : "\(level):\(code)"
            try insert.execute(arguments: [geography, territory, level, code, name, NameFolding.fold(name), detail])
        }

        try add("FR", "FR", "France")
        let referenceVintage = { (table: String) in
            try String.fetchOne(db, sql: "SELECT max(vintage) FROM \(table) WHERE vintage <= ?", arguments: [vintage])
                ?? String.fetchOne(db, sql: "SELECT min(vintage) FROM \(table)")
        }
        let regions = try referenceVintage("cog_regions")
        for row in try Row.fetchAll(db, sql: "SELECT DISTINCT reg, libelle FROM cog_regions WHERE vintage = ?", arguments: [regions]) {
            try add("REG", row["reg"], row["libelle"])
        }
        let departements = try referenceVintage("cog_departements")
        for row in try Row.fetchAll(db, sql: "SELECT DISTINCT dep, libelle FROM cog_departements WHERE vintage = ?", arguments: [departements]) {
            try add("DEP", row["dep"], row["libelle"])
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT DISTINCT typecom, com, libelle FROM cog_communes WHERE vintage = ? AND typecom IN ('COM', 'ARM')
            """, arguments: [vintage]) {
            try add(row["typecom"], row["com"], row["libelle"])
        }

        // Memberships that the COG itself gives.
        let memberships = [
            "SELECT 'COM:' || com, 'DEP:' || dep FROM cog_communes WHERE vintage = :v AND typecom = 'COM' AND dep IS NOT NULL",
            "SELECT 'COM:' || com, 'REG:' || reg FROM cog_communes WHERE vintage = :v AND typecom = 'COM' AND reg IS NOT NULL",
            "SELECT 'COM:' || com, 'FR' FROM cog_communes WHERE vintage = :v AND typecom = 'COM'",
            "SELECT 'ARM:' || com, 'COM:' || comparent FROM cog_communes WHERE vintage = :v AND typecom = 'ARM'",
        ]
        for select in memberships {
            try db.execute(sql: "INSERT OR IGNORE INTO memberships (geography, territory, parent) SELECT :g, * FROM (\(select))",
                           arguments: ["g": geography, "v": vintage])
        }
        try db.execute(sql: """
            INSERT OR IGNORE INTO memberships (geography, territory, parent)
            SELECT :g, 'DEP:' || dep, 'REG:' || reg FROM cog_departements WHERE vintage = :v
            UNION SELECT :g, 'DEP:' || dep, 'FR' FROM cog_departements WHERE vintage = :v
            UNION SELECT :g, 'REG:' || reg, 'FR' FROM cog_regions WHERE vintage = :r
            """, arguments: ["g": geography, "v": departements, "r": regions])

        try addEPCIs(db, add: add, counts: &counts)
        try addZones(db, add: add, counts: &counts)
        // An EPCI or a zone lies in the départements and régions of its communes.
        try db.execute(sql: """
            INSERT OR IGNORE INTO memberships (geography, territory, parent)
            SELECT DISTINCT :g, a.parent, b.parent FROM memberships a
            JOIN memberships b ON b.geography = a.geography AND b.territory = a.territory
            WHERE a.geography = :g AND a.territory LIKE 'COM:%' AND (a.parent LIKE 'EPCI:%' OR a.parent LIKE 'ZONE:%')
              AND (b.parent LIKE 'DEP:%' OR b.parent LIKE 'REG:%')
            """, arguments: ["g": geography])
        for row in try Row.fetchAll(db, sql: "SELECT level, count(*) FROM territories WHERE geography = ? GROUP BY level", arguments: [geography]) {
            counts.byLevel[row[0]] = row[1]
        }
        counts.memberships = try Int.fetchOne(db, sql: "SELECT count(*) FROM memberships WHERE geography = ?", arguments: [geography]) ?? 0
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
        let names = try Dictionary(Row.fetchAll(db, sql: """
            SELECT epci, epci_name, nature FROM epci_list WHERE vintage = ? ORDER BY file_id
            """, arguments: [String(geography)]).map { ($0["epci"] as String, ($0["epci_name"] as String?, $0["nature"] as String?)) },
            uniquingKeysWith: { _, last in last })
        for row in try Row.fetchAll(db, sql: """
            SELECT epci, max(epci_name) AS name, max(nature) AS nature FROM epci_composition
            WHERE file_id = ? AND epci != ? GROUP BY epci
            """, arguments: [fileID, CodeKind.noEPCI]) {
            let code: String = row["epci"]
            try add("EPCI", code, names[code]?.0 ?? row["name"] ?? code, names[code]?.1 ?? row["nature"])
        }
        try db.execute(sql: """
            INSERT OR IGNORE INTO memberships (geography, territory, parent)
            SELECT :g, 'COM:' || e.com, 'EPCI:' || e.epci FROM epci_composition e
            WHERE e.file_id = :f AND e.epci != :none
              AND EXISTS (SELECT 1 FROM territories t WHERE t.geography = :g AND t.territory = 'COM:' || e.com)
            UNION SELECT :g, 'EPCI:' || e.epci, 'FR' FROM epci_composition e WHERE e.file_id = :f AND e.epci != :none
            """, arguments: ["g": geography, "f": fileID, "none": CodeKind.noEPCI])
        counts.epciComparisons = try compareCompositions(used: fileID, db)
        counts.epciMismatches = try String.fetchAll(db, sql: """
            SELECT 'in the composition, not a commune of COG ' || :g || ': ' || e.com FROM epci_composition e
            WHERE e.file_id = :f AND NOT EXISTS (SELECT 1 FROM territories t WHERE t.geography = :g AND t.territory = 'COM:' || e.com)
            UNION ALL
            SELECT 'commune of COG ' || :g || ' in no EPCI of the composition: ' || t.code FROM territories t
            WHERE t.geography = :g AND t.level = 'COM'
              AND t.code NOT IN (SELECT com FROM epci_composition WHERE file_id = :f)
            """, arguments: ["g": geography, "f": fileID])
    }

    /// Compares the composition used with every other one published for the same date
    /// (INSEE's and DGCL's): communes they place in different EPCIs, or that one lacks.
    private func compareCompositions(used fileID: Int64, _ db: Database) throws -> [String] {
        let others = try Row.fetchAll(db, sql: """
            SELECT f.file_id, f.source_id FROM files f WHERE f.status = 'current' AND f.vintage = ? AND f.file_id != ?
              AND EXISTS (SELECT 1 FROM epci_composition e WHERE e.file_id = f.file_id)
            """, arguments: [String(geography), fileID])
        return try others.map { other in
            let otherID: Int64 = other["file_id"]
            // `+b.file_id` keeps SQLite on the (vintage, com) index instead of scanning by file.
            let differences = try String.fetchAll(db, sql: """
                SELECT a.com || ' (' || a.epci || ' / ' || coalesce(b.epci, 'absent') || ')'
                FROM epci_composition a
                LEFT JOIN epci_composition b ON b.vintage = a.vintage AND b.com = a.com AND +b.file_id = :b
                WHERE a.file_id = :a AND a.epci IS NOT b.epci
                UNION ALL
                SELECT b.com || ' (absent / ' || b.epci || ')' FROM epci_composition b
                WHERE b.file_id = :b AND b.com NOT IN (SELECT com FROM epci_composition WHERE file_id = :a)
                ORDER BY 1
                """, arguments: ["a": fileID, "b": otherID])
            let agreeing = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM epci_composition a
                JOIN epci_composition b ON b.vintage = a.vintage AND b.com = a.com AND +b.file_id = :b AND b.epci = a.epci
                WHERE a.file_id = :a
                """, arguments: ["a": fileID, "b": otherID]) ?? 0
            let detail = differences.isEmpty ? "" : "; \(differences.count) differ: \(differences.prefix(10).joined(separator: ", "))"
            return "agrees with \(other["source_id"] as String) (file \(otherID)) on \(agreeing) communes\(detail)"
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
                communes = try String.fetchSet(db, sql: """
                    SELECT substr(territory, 5) FROM memberships WHERE geography = ? AND parent IN (\(codes.map { _ in "?" }.joined(separator: ", ")))
                    """, arguments: StatementArguments([geography] + codes.map { "EPCI:\($0)" }))
                let known = try String.fetchSet(db, sql: "SELECT code FROM territories WHERE geography = ? AND level = 'EPCI'", arguments: [geography])
                let missing = codes.filter { !known.contains($0) }
                if !missing.isEmpty {
                    counts.zoneNotes.append("zone \(zone.id): EPCI \(missing.joined(separator: ", ")) not in the \(geography) composition")
                }
            }
            let known = try String.fetchSet(db, sql: "SELECT code FROM territories WHERE geography = ? AND level = 'COM'", arguments: [geography])
            let unnamed = communes.subtracting(known).subtracting(reported)
            if !unnamed.isEmpty {
                counts.zoneNotes.append("zone \(zone.id): \(unnamed.count) communes are not in the loaded COG \(geography) communes file (e.g. \(unnamed.sorted().prefix(5).joined(separator: ", ")))")
            }
            try add("ZONE", zone.id, zone.label, zone.source)
            if let fullCount {
                try db.execute(sql: """
                    UPDATE territories SET communes_expected = ?, communes_basis = 'zone definition' WHERE geography = ? AND territory = ?
                    """, arguments: [fullCount, geography, "ZONE:\(zone.id)"])
            }
            let insert = try db.makeStatement(sql: "INSERT OR IGNORE INTO memberships (geography, territory, parent) VALUES (?, ?, ?)")
            for code in communes.intersection(known).sorted() {
                try insert.execute(arguments: [geography, "COM:\(code)", "ZONE:\(zone.id)"])
            }
        }
    }
}
