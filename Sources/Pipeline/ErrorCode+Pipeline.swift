import Core

extension ErrorCode {
    /// A pipeline run that could not finish: the warehouse is as before the run.
    public static let pipeline = ErrorCode("pipeline", remedy: "read the stage named; docs/cron.md says how runs recover")
}
