import ArgumentParser
import Catalog
import Foundation
import Normalise

struct NormaliseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "normalise",
        abstract: "Put every loaded observation on the communes of one COG vintage; build territories and memberships.",
        discussion: """
            Needs the COG communes and mouvements files of one vintage at least as recent as the \
            target. Each file's own geography is the one its source declares, the one given to \
            `ingest --geography-of-input`, or else inferred from its commune codes (printed). \
            Counts are summed over mergers and shared by population over splits; medians and \
            rates are kept only where the commune is unchanged. Zones come from PIPELINES/zones.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "The target COG vintage, e.g. 2024.")
    var geography: Int

    func validate() throws {
        if !(1943...2100).contains(geography) {
            throw ValidationError("--geography takes a COG year such as 2024, not \(geography).")
        }
    }

    func run() throws {
        let warehouse = try global.openWarehouseForWriting()
        let zones = try ZoneCatalog(directory: global.pipelines + "/zones")
        let job = NormaliseJob(warehouse: warehouse, zones: zones, logger: global.makeLogger())
        let command = (["observatoire"] + CommandLine.arguments.dropFirst()).joined(separator: " ")
        let summary = try job.run(target: geography, command: command)
        global.checkpoint(warehouse)
        NormalisePrinter(quiet: global.quiet).print(summary, warehouse: warehouse.path)
    }
}

/// Prints what `normalise` did: per file, per passage table, per level of territory.
struct NormalisePrinter {
    let quiet: Bool

    func print(_ summary: NormaliseSummary, warehouse: String) {
        if !quiet {
            Swift.print("geography \(summary.target) (history from COG \(summary.historyVintage) and its mouvements)")
            for file in summary.files {
                let from = file.geography.map { "COG \($0)" } ?? "-"
                Swift.print("  file \(file.fileID) \(file.sourceID) \(file.name): \(from) → \(summary.target), "
                    + "\(file.counts.written) observations (\(file.counts.converted) converted, \(file.counts.notConvertible) not convertible, "
                    + "\(file.counts.rolledUp) from arrondissements)")
                if let basis = file.geographyBasis { Swift.print("      geography: \(basis)") }
                if let note = file.note { Swift.print("      \(note)") }
                for (level, count) in file.counts.leftOut.sorted(by: { $0.key < $1.key }) {
                    Swift.print("      \(count) \(level) observations not converted (no \(level) history)")
                }
            }
            for passage in summary.passages {
                Swift.print("  passage COG \(passage.from) → \(summary.target): \(passage.rows) rows, \(passage.changed) changed, \(passage.splits) communes split")
            }
            let levels = ["FR", "REG", "DEP", "EPCI", "COM", "ARM", "ZONE"].compactMap { level in
                summary.territoriesByLevel[level].map { "\($0) \(level)" }
            }
            Swift.print("  territories: \(levels.joined(separator: ", ")); \(summary.memberships) memberships")
            Swift.print("  EPCI from \(summary.epciSource)")
            for comparison in summary.epciComparisons { Swift.print("    \(comparison)") }
            let partial = summary.partialTerritoryLines
            if !partial.isEmpty {
                Swift.print("  partial territories (aggregates measured against their full membership): \(partial.count)")
                for line in partial.prefix(10) { Swift.print("    \(line)") }
                if partial.count > 10 { Swift.print("    … \(partial.count - 10) more in v_territory_completeness") }
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
        for warning in warnings {
            fflush(nil)
            FileHandle.standardError.write(Data(("  warning: " + warning + "\n").utf8))
        }
        if !quiet { Swift.print("run \(summary.runID): \(summary.headline) → \(warehouse)") }
    }
}
