import Foundation
import GRDB

/// Writes what a portrait showed into `report_portrait`, replacing the territory's
/// previous rows, so that analysts query the figures of the portraits they publish.
struct PortraitRecorder {
    func record(_ portrait: Portrait, runID: Int64, _ db: Database) throws {
        try db.execute(sql: "DELETE FROM report_portrait WHERE geography = ? AND territory = ?",
                       arguments: [portrait.geography, portrait.subject.id])
        let insert = try db.makeStatement(sql: """
            INSERT INTO report_portrait (geography, territory, section, indicator_id, period, value, status, reference_values,
                                         evolution, rank, rank_of, rank_scope, run_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for section in portrait.sections {
            for entry in section.entries {
                try insert.execute(arguments: [
                    portrait.geography, portrait.subject.id, section.title, entry.indicator.id, entry.period,
                    entry.subject.value, entry.subject.status, try referenceValues(entry, portrait.references.map(\.id)),
                    entry.evolution, entry.rank?.position, entry.rank?.count, entry.rank?.scopeID, runID,
                ])
            }
        }
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
