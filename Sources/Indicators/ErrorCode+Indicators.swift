import Core

extension ErrorCode {
    /// An indicator definition that does not hold, or a computation asked too early.
    public static let indicator = ErrorCode("indicator", remedy: "observatoire indicators list names the indicators; their definitions are under pipelines/indicators (docs/indicators.md)")
}
