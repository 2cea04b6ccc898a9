import Cartography
import Catalog
import Geography
import GRDB
import Warehouse

/// Puts the contours loaded by ingest onto the geography of `normalise`, so that a map
/// never draws a commune with the outline of another vintage:
///
/// - a commune whose code is unchanged since the layer's COG vintage takes its feature;
/// - a commune made of several older communes (a merger) takes the union of theirs, by
///   GEOS, and says so in `basis`;
/// - a commune that a split made, or one whose older communes are not all in the layer,
///   gets no contour, and is counted in the report: never the outline of something else;
/// - an EPCI, a département, a région and a zone take the union of their communes'
///   contours; `basis` says when some of their communes have none.
///
/// The layer's COG vintage is the one its source declares, or the one its codes fit best
/// (as for observations).
public struct ContourNormaliser {
    let target: Int
    let history: CommuneHistory
    /// The passage from a COG vintage to the target: the one normalise already built for
    /// the observations of that vintage, when there is one.
    let passage: (Int) throws -> PassageTable

    /// What was made, for the summary.
    public struct Report: Sendable, Equatable {
        /// Territories given a contour, by level.
        public var byLevel: [String: Int] = [:]
        /// A layer left out, or a commune left without contour (split, merger incomplete), and why.
        public var notes: [String] = []
    }

    /// The levels above the commune that get a contour, from their communes.
    static let levelsAbove = ["EPCI", "DEP", "REG", "ZONE"]

    func build(_ db: Database) throws -> Report? {
        let features = try ContourStore.currentFeatures(level: "COM", db) + ContourStore.currentFeatures(level: "ARM", db)
        guard !features.isEmpty else {
            try ContourStore.replace(geography: target, with: [], db)
            return nil
        }
        let context = try GeosContext()
        var report = Report()
        var communes: [String: (contour: TerritoryContour, geometry: GeosGeometry)] = [:]
        for (fileID, layer) in Dictionary(grouping: features, by: \.fileID).sorted(by: { $0.key > $1.key }) {
            try place(layer, fileID: fileID, into: &communes, report: &report, context: context)
        }
        var contours = communes.values.map(\.contour)
        report.byLevel["COM"] = communes.keys.filter { $0.hasPrefix("COM:") }.count
        let store = TerritoryStore(geography: target)
        for level in Self.levelsAbove {
            for territory in try store.selection(level: level, within: "FR", db) {
                let members = try store.communeIDs(of: territory.id, db)
                let drawn = members.compactMap { communes[$0] }
                guard !drawn.isEmpty else { continue }
                let union = try GeosGeometry.union(drawn.map(\.geometry), in: context)
                let full = max(territory.communesExpected ?? members.count, members.count)
                let basis = drawn.count == full
                    ? "union of its \(full) communes"
                    : "union of \(drawn.count) of its \(full) communes (the others have no contour or are not in the geography)"
                contours.append(TerritoryContour(territory: territory.id, fileID: drawn[0].contour.fileID, wkb: try union.wkb(), basis: basis))
                report.byLevel[level, default: 0] += 1
            }
        }
        try ContourStore.replace(geography: target, with: contours.sorted { $0.territory < $1.territory }, db)
        return report
    }

    /// The communes of one layer onto the target, where no more recent layer drew them.
    private func place(_ layer: [ContourStore.Feature], fileID: Int64, into communes: inout [String: (contour: TerritoryContour, geometry: GeosGeometry)],
                       report: inout Report, context: GeosContext) throws {
        let name = layer[0].fileName
        let byCode = Dictionary(layer.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        let vintage: Int
        if let declared = layer[0].declaredGeography {
            vintage = declared
        } else {
            let lists = history.communesByVintage(max(NormaliseJob.oldestInferredVintage, history.firstVintage)...history.referenceVintage)
            guard let guess = VintageGuess.guess(codes: Set(byCode.keys), lists: lists, atMost: target) else {
                report.notes.append("\(name): no commune code of any COG vintage: left out")
                return
            }
            vintage = guess.vintage
        }
        guard vintage <= target else {
            report.notes.append("\(name): its codes are of COG \(vintage), newer than the target \(target): left out")
            return
        }
        let table = try passage(vintage)
        var sourcesOf: [String: [Passage]] = [:]
        for row in table.rows { sourcesOf[row.toCode, default: []].append(row) }
        let known = Set(table.rows.map(\.fromCode))
        let unknown = byCode.keys.filter { !known.contains($0) }.sorted()
        if !unknown.isEmpty {
            report.notes.append("\(name): \(unknown.count) codes are no commune of COG \(vintage) (\(unknown.prefix(5).joined(separator: ", "))"
                + "\(unknown.count > 5 ? ", …" : "")): not drawn")
        }
        for (code, rows) in sourcesOf.sorted(by: { $0.key < $1.key }) {
            let id = (code.utf8.withContiguousStorageIfAvailable(CodeKind.communeLevel) ?? "COM") + ":" + code
            guard communes[id] == nil else { continue }
            let present = rows.compactMap { byCode[$0.fromCode] }
            guard !present.isEmpty else { continue }
            if let split = rows.first(where: { $0.weight < 1 }) {
                report.notes.append("\(name): COG \(vintage) → \(target): \(code) has part of \(split.fromCode) (a split): no contour")
                continue
            }
            guard present.count == rows.count else {
                let missing = rows.map(\.fromCode).filter { byCode[$0] == nil }
                report.notes.append("\(name): \(code) is made of \(rows.map(\.fromCode).joined(separator: ", ")) (COG \(vintage)); "
                    + "\(missing.joined(separator: ", ")) not in the layer: no contour")
                continue
            }
            let geometries = try present.map { try GeosGeometry(wkb: $0.wkb, in: context) }
            let geometry = geometries.count == 1 ? geometries[0] : try GeosGeometry.union(geometries, in: context)
            let basis = present.count == 1 && present[0].code == code
                ? "feature \(present[0].feature) of \(name) (COG \(vintage))"
                : "union of \(present.map(\.code).joined(separator: ", ")) of \(name) (COG \(vintage))"
            communes[id] = (TerritoryContour(territory: id, fileID: fileID, wkb: try geometry.wkb(), basis: basis), geometry)
        }
    }
}
