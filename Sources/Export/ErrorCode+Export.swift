import Core

extension ErrorCode {
    /// A request `export` cannot fulfil, or an output it cannot write.
    public static let export = ErrorCode("export", remedy: "check the indicators, territories and output asked for (docs/commands.md)")
}
