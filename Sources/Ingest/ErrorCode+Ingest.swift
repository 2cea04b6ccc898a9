import Core

/// Why a whole file was refused. The warehouse is left exactly as it was.
extension ErrorCode {
    public static let lostLeadingZeros = ErrorCode(
        "lost-leading-zeros", remedy: "re-export the file with codes as text, or re-run with --repair-leading-zeros (the repair is recorded)")
    public static let noRows = ErrorCode("no-rows", remedy: "the file has a header and no data: download it again")
    public static let tooManyLines = ErrorCode("too-many-lines", remedy: "the file is not the one the source reads: check it, or split it")
    /// A long file whose dimension columns are not the ones its source declares.
    public static let dimensionColumns = ErrorCode(
        "dimension-columns", remedy: "check the dataset against its source definition's melodi: block (docs/melodi.md)")
    /// A GEO_OBJECT its source neither loads nor knows to leave out.
    public static let unknownLevel = ErrorCode(
        "unknown-level", remedy: "add the level to the source's melodi: levels or leave_out (docs/melodi.md)")
    /// A CONF_STATUS or OBS_STATUS code that no documentation read here gives a meaning.
    public static let undocumentedStatus = ErrorCode(
        "undocumented-status", remedy: "read INSEE's documentation of the code; docs/melodi.md says how the statuses map")
    /// The same observation (territory, level, dimension codes, period) twice in one file.
    public static let duplicateObservation = ErrorCode("duplicate-observation", remedy: "the file repeats an observation: download it again")
    /// Two observations that differ but that the source's variable template gives one code.
    public static let ambiguousVariable = ErrorCode(
        "ambiguous-variable", remedy: "name every dimension that varies in the source's variable template (docs/melodi.md)")
    /// A file read with another one (a Melodi dataset's metadata), not loaded on its own.
    public static let companionFile = ErrorCode("companion-file", remedy: "ingest the dataset's data file or its zip: the metadata is read with it")
    /// A file another command reads (a GeoJSON layer, a warehouse, a portrait, a definition).
    public static let readByAnotherCommand = ErrorCode(
        "read-by-another-command", remedy: "give the file to the command named; ingest reads published data (CSV, XLSX, zip)")
    /// A Melodi dataset's metadata file with a record that cannot be read.
    public static let unreadableMetadata = ErrorCode("unreadable-metadata", remedy: "download the dataset's zip again")
}
