import Foundation

/// The Melodi API's `…/melodi/range/DS_NAME`: every concept of a dataset (its dimensions
/// and attributes) with the codes it takes and their labels, in French and English. Written
/// as the dataset's metadata file (`COD_VAR;LIB_VAR;COD_MOD;LIB_MOD`), which `ingest` reads
/// for the labels of the variables it makes. GEO is left out: its thousands of territory
/// names come from the COG, not from here.
struct MelodiRange: Decodable {
    var range: [Concept]

    struct Concept: Decodable {
        var concept: Code
        var values: [Code]?
    }

    struct Code: Decodable {
        var code: String
        var label: [String: String?]?

        /// The French label, else the English one, else nothing.
        var french: String {
            (label?["fr"] ?? nil) ?? (label?["en"] ?? nil) ?? ""
        }
    }

    /// The metadata file's lines, header first, every field quoted as INSEE writes them.
    func metadataLines() -> [String] {
        var lines = [MelodiCSVWriter.line(["COD_VAR", "LIB_VAR", "COD_MOD", "LIB_MOD"], quoted: true)]
        for concept in range where concept.concept.code.uppercased() != "GEO" {
            for value in concept.values ?? [] {
                lines.append(MelodiCSVWriter.line([concept.concept.code, concept.concept.french, value.code, value.french], quoted: true))
            }
        }
        return lines
    }
}
