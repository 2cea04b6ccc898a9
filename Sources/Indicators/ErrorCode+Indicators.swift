import Core

extension ErrorCode {
    public static let indicator = ErrorCode("indicator", remedy: "observatoire indicators list names the indicators; their definitions are under pipelines/indicators (docs/indicators.md)")
}
