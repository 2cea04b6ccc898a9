import Pipeline
import Warehouse

/// Where `demo` put everything, and the first command to try on each.
struct DemoPresenter {
    let console: Console

    func present(_ summary: PipelineSummary, written: DemoOutputs.Written, warehouse: String) {
        console.say("demo: \(summary.headline)")
        console.say("  warehouse            \(warehouse)   (sqlite3 -box \(warehouse) \"\(WarehouseDocumentation.firstQuery)\")")
        console.say("  portraits            \(written.portraitsFolder)/   (\(written.portraits.count) files: the Bassin minier and its \(written.epcis) EPCI, HTML and Markdown)")
        console.say("  open first           \(written.portraits.first ?? "")")
        console.say("  indicator table      \(written.table)")
        console.say("  cités ranking        \(written.ranking)")
        console.say("  renovation progress  \(written.programme)")
        console.say("  Datasette metadata   \(written.metadata)   (datasette \(warehouse) -m \(written.metadata))")
    }
}
