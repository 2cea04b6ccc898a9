import ArgumentParser
import Compute

/// How many computes keep the values they replaced, for `compute` and `run`.
struct HistoryOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "How many computes of a geography keep the values they replaced (indicator_history).",
        discussion: "Older changes are forgotten; the values themselves are always kept."))
    var keepHistory = ComputeJob.defaultHistoryRuns

    func validate() throws {
        if keepHistory < 0 { throw ValidationError("--keep-history counts computes: 0 or more.") }
    }
}
