import Core

extension ErrorCode {
    public static let cites = ErrorCode("cites", remedy: "check the cités definitions and reference lists named (docs/cites.md)")
}
