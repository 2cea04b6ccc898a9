import ArgumentParser
import Catalog
import Fetch
import Foundation

struct FetchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Download the official files that PIPELINES/sources list under downloads: into the raw folder, or ask INSEE's Melodi API for what they list under melodi_api:.",
        discussion: """
            A file already there whose SHA-256 matches is left alone. A download goes to NAME.part, \
            is resumed after a broken connection (up to four tries, with back-off) and takes its \
            final name only once complete and verified; for a zip archive only the member named \
            is kept. A source that declares melodi_api: is asked of the Melodi API instead of its \
            downloads: one dataset, restricted to its GEO filters, paged through within the API's \
            quota (30 requests a minute; a 429 waits and asks again), written as the dataset's \
            DS_<NAME>_data.csv and DS_<NAME>_metadata.csv, which ingest reads like the published \
            files. Exit code 1 if any file could not be fetched.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "Only the downloads (or the Melodi API request) of this source.")
    var source: String?

    @Option(name: .long, help: "The raw folder to download into.")
    var raw = "raw"

    @Flag(name: .long, help: "Ask the Melodi API again for answers already in the raw folder.")
    var refresh = false

    @Flag(name: .customLong("no-api"), help: "Download the whole files (downloads:) of sources that declare melodi_api: rather than asking the API.")
    var noAPI = false

    func run() throws {
        let catalog = try global.loadCatalog()
        var sources = catalog.definitions.filter(fetchable)
        if let source {
            guard let definition = catalog.definitions.first(where: { $0.id == source }) else {
                throw ValidationError("No source '\(source)'. Known sources:\n\(catalog.knownSources)")
            }
            guard fetchable(definition) else {
                throw ValidationError(definition.melodiAPI != nil
                    ? "Source '\(source)' lists no downloads: ask the Melodi API for it (without --no-api)."
                    : "Source '\(source)' lists no downloads: add downloads: (or melodi_api: for a Melodi dataset) to its definition.")
            }
            sources = [definition]
        }
        var policy = Fetcher.Policy(progress: ProgressLine.handler(quiet: global.quiet))
        policy.asksMelodiAPI = !noAPI
        policy.refreshesMelodiAnswers = refresh
        let outcomes = Fetcher(raw: raw, policy: policy, logger: global.makeLogger()).fetch(sources)
        let failed = outcomes.filter { $0.status == .failed }.count
        global.console.say("\(outcomes.count) files: \(outcomes.filter { $0.status == .downloaded }.count) downloaded, "
                + "\(outcomes.filter { $0.status == .present }.count) already there, \(failed) failed → \(raw)")
        if failed > 0 { throw ExitCode.failure }
    }

    /// Whether a definition gives this fetch anything to do.
    private func fetchable(_ definition: SourceDefinition) -> Bool {
        !(definition.downloads ?? []).isEmpty || (!noAPI && definition.melodiAPI != nil)
    }
}
