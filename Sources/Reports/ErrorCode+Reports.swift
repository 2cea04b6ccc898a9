import Core

extension ErrorCode {
    /// A portrait or map that cannot be made: its layout, its territory, its values.
    public static let report = ErrorCode("report", remedy: "check the report layout under pipelines/reports and the arguments given (docs/portraits.md)")
}
