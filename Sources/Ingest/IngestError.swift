import Tabular

/// Why a whole file was refused. The warehouse is left exactly as it was.
public struct IngestError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case lostLeadingZeros = "lost-leading-zeros"
        case missingColumn = "missing-column"
        case noRows = "no-rows"
        case tooManyLines = "too-many-lines"
        /// A long file whose dimension columns are not the ones its source declares.
        case dimensionColumns = "dimension-columns"
        /// A GEO_OBJECT its source neither loads nor knows to leave out.
        case unknownLevel = "unknown-level"
        /// A CONF_STATUS or OBS_STATUS code that no documentation read here gives a meaning.
        case undocumentedStatus = "undocumented-status"
        /// The same observation (territory, level, dimension codes, period) twice in one file.
        case duplicateObservation = "duplicate-observation"
        /// Two observations that differ but that the source's variable template gives one code.
        case ambiguousVariable = "ambiguous-variable"
        /// A file read with another one (a Melodi dataset's metadata), not loaded on its own.
        case companionFile = "companion-file"
        /// A Melodi dataset's metadata file with a record that cannot be read.
        case unreadableMetadata = "unreadable-metadata"
    }

    public var code: Code
    public var message: String
    public var location: InputLocation

    public init(_ code: Code, _ message: String, path: String, line: Int? = nil, column: String? = nil, value: String? = nil) {
        self.code = code
        self.message = message
        location = InputLocation(path: path, line: line, column: column, value: value)
    }

    public var description: String { "\(location): \(message)" }
}
