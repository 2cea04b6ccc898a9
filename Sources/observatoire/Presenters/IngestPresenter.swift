import Core
import Foundation
import Ingest

/// Prints one line per file and a summary: what was recognised, counted and refused.
struct IngestPresenter {
    let console: Console
    private var quiet: Bool { console.quiet }

    func present(_ outcome: FileOutcome) {
        let name = (outcome.path as NSString).lastPathComponent + (outcome.sheet.map { " [\($0)]" } ?? "")
        let problem = outcome.status == .failed || outcome.status == .rejections
        if quiet && !problem { return }
        var line = pad(outcome.status.rawValue, 11) + pad(outcome.sourceID ?? "-", 24) + pad(outcome.vintage ?? "-", 6) + name
        switch outcome.status {
        case .loaded, .rejections:
            line += "  read \(outcome.counts.rowsRead), loaded \(outcome.counts.rowsLoaded), rejected \(outcome.counts.rowsRejected)"
            line += ", \(outcome.valuesLoaded) values, \(String(format: "%.2f", outcome.seconds)) s, \(outcome.encoding ?? "")"
        case .unchanged, .skipped, .failed:
            break
        }
        // A file with rejected rows is named on standard error too, above its rejections.
        write(line, error: problem)
        if let error = outcome.error, outcome.status == .failed {
            write("    error[\(error.code)]: \(error)\n    hint: \(error.remedy)", error: true)
        } else if let message = outcome.message {
            write("    \(message)", error: outcome.status == .failed)
        }
        if let replaced = outcome.replacedFileID { write("    replaces file \(replaced)", error: false) }
        if let repairs = outcome.repairs { write("    repaired: \(repairs)", error: false) }
        if !outcome.unusedColumns.isEmpty {
            write("    columns not loaded (not declared in the source): \(outcome.unusedColumns.joined(separator: ", "))", error: false)
        }
        for rejection in outcome.firstRejections {
            var text = "    line \(rejection.line)"
            if let column = rejection.column { text += ", column \(column)" }
            if let value = rejection.value { text += ", value '\(value.prefix(60))'" }
            write(text + ": \(rejection.reason)", error: true)
        }
        if outcome.counts.rowsRejected > outcome.firstRejections.count {
            write("    … \(outcome.counts.rowsRejected - outcome.firstRejections.count) more in table rejected_rows", error: true)
        }
    }

    func present(_ summary: IngestSummary, warehouse: String) {
        if quiet && summary.runStatus == .succeeded { return }
        let seconds = summary.outcomes.reduce(0) { $0 + $1.seconds }
        write("run \(summary.runID): \(summary.headline) in \(String(format: "%.2f", seconds)) s → \(warehouse)",
              error: summary.runStatus == .failed)
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }

    private func write(_ text: String, error: Bool) {
        if error { console.warn(text) } else { console.show(text) }
    }
}
