import Core

/// Failures of the source definitions, and of matching a file to one.
extension ErrorCode {
    public static let invalidDefinition = ErrorCode(
        "invalid-definition", remedy: "correct the definition named under pipelines/ (docs/sources.md, Defining a source)")
    public static let unknownSource = ErrorCode("unknown-source", remedy: "observatoire sources lists the sources the catalogue knows")
    public static let unrecognisedFile = ErrorCode(
        "unrecognised-file", remedy: "pass --source ID to read it as one of the sources, or add a definition under pipelines/sources")
    public static let ambiguousFile = ErrorCode("ambiguous-file", remedy: "pass --source ID to say which source the file is")
    public static let unknownVintage = ErrorCode("unknown-vintage", remedy: "pass --vintage YYYY, or keep the year in the file's name or folder")
    public static let missingColumn = ErrorCode(
        "missing-column", remedy: "check that the file is the one published, unedited; if the publisher changed its layout, update the source definition")
}
