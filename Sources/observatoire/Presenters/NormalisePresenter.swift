import Normalise

/// Prints what `normalise` did: per file, per passage table, per level of territory.
struct NormalisePresenter {
    let console: Console

    func present(_ summary: NormaliseSummary, warehouse: String) {
        if !console.quiet {
            console.show("geography \(summary.target) (history from COG \(summary.historyVintage) and its mouvements)")
            for file in summary.files {
                let from = file.geography.map { "COG \($0)" } ?? "-"
                console.show("  file \(file.fileID) \(file.sourceID) \(file.name): \(from) → \(summary.target), "
                    + "\(file.counts.written) observations (\(file.counts.converted) converted, \(file.counts.notConvertible) not convertible, "
                    + "\(file.counts.rolledUp) from arrondissements)")
                if let basis = file.geographyBasis { console.show("      geography: \(basis)") }
                if let note = file.note { console.show("      \(note)") }
                for (level, count) in file.counts.leftOut.sorted(by: { $0.key < $1.key }) {
                    console.show("      \(count) \(level) observations not converted (no \(level) history)")
                }
            }
            for passage in summary.passages {
                console.show("  passage COG \(passage.from) → \(summary.target): \(passage.rows) rows, \(passage.changed) changed, \(passage.splits) communes split")
            }
            let levels = ["FR", "REG", "DEP", "EPCI", "COM", "ARM", "ZONE"].compactMap { level in
                summary.territoriesByLevel[level].map { "\($0) \(level)" }
            }
            console.show("  territories: \(levels.joined(separator: ", ")); \(summary.memberships) memberships")
            if let contours = summary.contours {
                let levels = ["COM", "ARM", "EPCI", "DEP", "REG", "ZONE"].compactMap { level in contours.byLevel[level].map { "\($0) \(level)" } }
                console.show("  contours: \(levels.joined(separator: ", "))")
            }
            console.show("  EPCI from \(summary.epciSource)")
            for comparison in summary.epciComparisons { console.show("    \(comparison)") }
            let partial = summary.partialTerritoryLines
            if !partial.isEmpty {
                console.show("  partial territories (aggregates measured against their full membership): \(partial.count)")
                for line in partial.prefix(10) { console.show("    \(line)") }
                if partial.count > 10 { console.show("    … \(partial.count - 10) more in v_territory_completeness") }
            }
        }
        var warnings: [String] = []
        for file in summary.files where file.counts.unmappedCodes > 0 {
            warnings.append("file \(file.fileID) \(file.name): \(file.counts.unmappedCodes) unknown commune codes "
                + "(\(file.counts.unmappedObservations) observations, e.g. \(file.unmappedExamples.joined(separator: ", "))), stored in unmapped_codes")
        }
        for passage in summary.passages where !passage.vanished.isEmpty {
            warnings.append("passage COG \(passage.from): \(passage.vanished.count) communes without successor (\(passage.vanished.prefix(5).joined(separator: ", ")))")
        }
        if !summary.epciMismatches.isEmpty {
            warnings.append("EPCI composition vs COG \(summary.target): \(summary.epciMismatches.count) differences, e.g. \(summary.epciMismatches.prefix(3).joined(separator: "; "))")
        }
        warnings += summary.zoneNotes
        warnings += summary.contours?.notes.prefix(10).map { "contours: \($0)" } ?? []
        if let notes = summary.contours?.notes, notes.count > 10 { warnings.append("contours: … \(notes.count - 10) more communes without contour") }
        for warning in warnings { console.warn("  warning: " + warning) }
        console.say("run \(summary.runID): \(summary.headline) → \(warehouse)")
    }
}
