import Core

extension ErrorCode {
    public static let report = ErrorCode("report", remedy: "check the report layout under pipelines/reports and the arguments given (docs/portraits.md)")
}
