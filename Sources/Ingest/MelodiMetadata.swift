import Catalog
import Core
import Tabular

/// The labels of a Melodi dataset's codes, from `DS_<NAME>_metadata.csv`
/// (`COD_VAR;LIB_VAR;COD_MOD;LIB_MOD`: a column, its label, one of its codes and the
/// code's label). Only the modalities of the declared dimensions are kept — they label the
/// variables a dataset makes (`MED_SL` → "Médiane du niveau de vie") — so that memory does not
/// grow with the territories a metadata file may list.
struct MelodiMetadata {
    static let columnCode = "COD_VAR", codeColumn = "COD_MOD", codeLabelColumn = "LIB_MOD"

    /// Dimension (upper case) → code → label.
    private(set) var labels: [String: [String: String]] = [:]

    /// No labels: a data file that came without its metadata.
    init() {}

    /// Reads the labels of `dimensions` from `reader`; a file without INSEE's columns, or
    /// with a record that cannot be read, is refused with its place.
    init(reader: CSVReader, dimensions: [String]) throws {
        let header = HeaderIndex(header: reader.header, path: reader.path)
        func require(_ name: String) throws -> Int {
            guard let position = header.position(of: name) else {
                throw ObservatoireError(.unreadableMetadata,
                                  "the metadata file has no column \(name) (header: \(reader.header.joined(separator: ", "))), where INSEE's has COD_VAR;LIB_VAR;COD_MOD;LIB_MOD: download the dataset again",
                                  path: reader.path, line: 1, column: name)
            }
            return position
        }
        let variable = try require(Self.columnCode)
        let code = try require(Self.codeColumn)
        let label = try require(Self.codeLabelColumn)
        let wanted = Set(dimensions.map { $0.uppercased() })
        var labels: [String: [String: String]] = [:]
        try reader.forEachRecord { record in
            if let defect = record.defect {
                throw ObservatoireError(.unreadableMetadata, "the metadata file cannot be read here: \(defect.reason); download the dataset again",
                                  path: reader.path, line: record.line)
            }
            guard record.count == reader.header.count else {
                throw ObservatoireError(.unreadableMetadata, "expected \(reader.header.count) fields as in the header, found \(record.count); download the dataset again",
                                  path: reader.path, line: record.line)
            }
            let dimension = record.string(at: variable).uppercased()
            guard wanted.contains(dimension) else { return }
            labels[dimension, default: [:]][record.string(at: code)] = record.string(at: label)
        }
        self.labels = labels
    }

    /// The label of one code of a dimension, if the metadata gives one.
    func label(of code: String, in dimension: String) -> String? {
        labels[dimension.uppercased()]?[code]
    }
}
