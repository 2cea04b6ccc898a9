import Foundation
import Ingest
import TestSupport
import Testing

/// One defective input of the corpus and exactly what `ingest` must make of it.
struct BadInput: Sendable, CustomTestStringConvertible {
    /// The name the file is written under in the sandbox (its vintage and source come from it).
    let file: String
    let content: @Sendable () -> [UInt8]
    var options = IngestOptions()
    /// Ingest the folder holding the file rather than the file itself.
    var throughFolder = false
    let expected: Expected

    var testDescription: String {
        file + (options.repairLeadingZeros ? " with --repair-leading-zeros" : "") + (throughFolder ? " in a folder" : "")
    }

    /// A committed file of `Tests/IngestTests/BadInputCorpus`.
    static func corpus(_ name: String, options: IngestOptions = IngestOptions(), _ expected: Expected) -> BadInput {
        let url = packageRoot.appendingPathComponent("Tests/IngestTests/BadInputCorpus").appendingPathComponent(name)
        return BadInput(file: name, content: { (try? [UInt8](Data(contentsOf: url))) ?? [] }, options: options, expected: expected)
    }

    /// A file made at test time (large, or a zip built in code).
    static func generated(_ name: String, throughFolder: Bool = false, _ expected: Expected, _ content: @escaping @Sendable () -> [UInt8]) -> BadInput {
        BadInput(file: name, content: content, throughFolder: throughFolder, expected: expected)
    }
}

/// The outcome of one file: status, the message after its path when refused, rows loaded,
/// every rejection stored, and what a query on the loaded rows gives.
struct Expected: Sendable {
    var status: FileOutcome.Status
    /// For a refused or skipped file: the message, after the file's path for a refusal.
    var message: String?
    /// The message only starts so (it goes on with a list, say).
    var messageIsPrefix = false
    var rowsLoaded = 0
    var rejections: [Rejection] = []
    var query: String?
    var rows: [String] = []

    /// Refused whole; `message` follows the path (`:2, column CODGEO: …` or `: the file is empty`).
    static func refused(_ message: String) -> Expected { Expected(status: .failed, message: message) }

    static func refused(startingWith message: String) -> Expected {
        Expected(status: .failed, message: message, messageIsPrefix: true)
    }

    static func skipped(_ message: String) -> Expected { Expected(status: .skipped, message: message) }

    static func loaded(_ rowsLoaded: Int, _ query: String, _ rows: [String]) -> Expected {
        Expected(status: .loaded, rowsLoaded: rowsLoaded, query: query, rows: rows)
    }

    static func rejected(loaded rowsLoaded: Int, _ rejections: [Rejection], query: String? = nil, rows: [String] = []) -> Expected {
        Expected(status: .rejections, rowsLoaded: rowsLoaded, rejections: rejections, query: query, rows: rows)
    }
}

/// The observations of the file just loaded, one line each.
let observationsOfTheFile = """
    SELECT territory_code, territory_level, variable, value, status FROM v_observations
    WHERE file_id = (SELECT max(file_id) FROM files) ORDER BY territory_code, variable
    """

/// Reasons as `ingest` stores them.
enum Reason {
    static let notANumber = "not a number: expected a decimal number (point or comma) or a marker (nd, ns, s, so)"
    static let notACommuneCode = "not a valid commune code: expected 5 characters, digits or 2A/2B then 3 digits (e.g. 01001, 2A004)"
    static let notADate = "not a date in the form YYYY-MM-DD"
    static func fields(_ found: Int, expected: Int = 4) -> String { "expected \(expected) fields as in the header, found \(found)" }
    static func negativeCount(_ code: String, _ source: String) -> String {
        "negative count: \(code) counts people, households or dwellings (declared under counts in source \(source)) and cannot be below zero"
    }
}
