import ArgumentParser

struct SourcesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sources",
        abstract: "List the sources defined under PIPELINES/sources."
    )

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let catalog = try global.loadCatalog()
        for definition in catalog.definitions {
            global.console.show("\(definition.id)\t\(definition.kind.rawValue)\t\(definition.label)")
            if let url = definition.url { global.console.show("\t\(url)") }
        }
    }
}
