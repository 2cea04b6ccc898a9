import Core

extension ErrorCode {
    public static let export = ErrorCode("export", remedy: "check the indicators, territories and output asked for (docs/commands.md)")
}
