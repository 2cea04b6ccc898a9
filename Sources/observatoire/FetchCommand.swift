import ArgumentParser
import Fetch
import Foundation

struct FetchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Download the official files that PIPELINES/sources list under downloads: into the raw folder.",
        discussion: """
            A file already there whose SHA-256 matches is left alone. A download goes to NAME.part, \
            is resumed after a broken connection (up to four tries, with back-off) and takes its \
            final name only once complete and verified; for a zip archive only the member named \
            is kept. Exit code 1 if any file could not be fetched.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "Only the downloads of this source.")
    var source: String?

    @Option(name: .long, help: "The raw folder to download into.")
    var raw = "raw"

    func run() throws {
        let catalog = try global.loadCatalog()
        var sources = catalog.definitions.filter { !($0.downloads ?? []).isEmpty }
        if let source {
            guard let definition = catalog.definitions.first(where: { $0.id == source }) else {
                throw ValidationError("No source '\(source)'. Known sources:\n\(catalog.knownSources)")
            }
            guard !(definition.downloads ?? []).isEmpty else {
                throw ValidationError("Source '\(source)' lists no downloads: add downloads: to its definition.")
            }
            sources = [definition]
        }
        let outcomes = Fetcher(raw: raw, policy: .init(showsProgress: !global.quiet), logger: global.makeLogger()).fetch(sources)
        let failed = outcomes.filter { $0.status == .failed }.count
        if !global.quiet {
            print("\(outcomes.count) files: \(outcomes.filter { $0.status == .downloaded }.count) downloaded, "
                + "\(outcomes.filter { $0.status == .present }.count) already there, \(failed) failed → \(raw)")
        }
        if failed > 0 { throw ExitCode.failure }
    }
}
