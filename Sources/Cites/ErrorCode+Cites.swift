import Core

extension ErrorCode {
    /// A cités command that cannot run: a definition or reference list that does not read.
    public static let cites = ErrorCode("cites", remedy: "check the cités definitions and reference lists named (docs/cites.md)")
}
