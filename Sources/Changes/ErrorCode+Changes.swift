import Core

extension ErrorCode {
    /// A comparison that cannot be made: a warehouse, run or date that is not there.
    public static let changes = ErrorCode("changes", remedy: "name two warehouses, or a warehouse and a date of one of its runs (docs/history.md)")
}
