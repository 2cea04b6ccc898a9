import Core

extension ErrorCode {
    public static let changes = ErrorCode("changes", remedy: "name two warehouses, or a warehouse and a date of one of its runs (docs/history.md)")
}
