import Foundation
import GRDB
import Warehouse

/// Writes what a portrait showed into `report_portrait`, replacing the territory's
/// previous rows, so that analysts query the figures of the portraits they publish.
struct PortraitRecorder {
    func record(_ portrait: Portrait, runID: Int64, _ db: Database) throws {
        let lines = try portrait.sections.flatMap { section in
            try section.entries.map { entry in
                ReportStore.PortraitLine(
                    section: section.title, indicator: entry.indicator.id, period: entry.period, value: entry.subject.value,
                    status: entry.subject.status, referenceValues: try referenceValues(entry, portrait.references.map(\.id)),
                    evolution: entry.evolution, rank: entry.rank?.position, rankOf: entry.rank?.count, rankScope: entry.rank?.scopeID)
            }
        }
        try ReportStore.replacePortrait(geography: portrait.geography, territory: portrait.subject.id, lines, runID: runID, db)
    }

    /// `{"DEP:62": 17.3, "FR": 14.5}`: null where the reference has no `ok` value.
    private func referenceValues(_ entry: Portrait.Entry, _ ids: [String]) throws -> String {
        var object: [String: Any] = [:]
        for (id, value) in zip(ids, entry.references) {
            object[id] = value?.value ?? NSNull()
        }
        return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }
}
