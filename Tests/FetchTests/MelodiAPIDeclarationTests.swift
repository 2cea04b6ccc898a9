import Catalog
import Core
import Foundation
import Testing
import TestSupport

/// `melodi_api:` in a source definition: what the project's Filosofi source asks for, and
/// the declarations the catalogue refuses before any request is made.
struct MelodiAPIDeclarationTests {
    @Test func theFilosofiSourceAsksForTheBassinMiniersTerritories() throws {
        let definition = try Sandbox().catalog.definition(id: "filosofi-commune-2021-geo2025")
        let query = try #require(definition.melodiAPI)
        #expect(query.dataset == "DS_FILOSOFI_CC")
        #expect(query.geo == ["DEP-59*COM", "DEP-62*COM", "DEP-59", "DEP-62", "REG-32"])
        #expect(query.to == "filosofi/melodi-api")
        #expect(query.effectivePageSize == 10_000)
        #expect(query.asksLabels)
        #expect(query.dataFileName == "DS_FILOSOFI_CC_data.csv")
        #expect(query.problem(in: definition) == nil)
        // The archive stays declared, for fetch --no-api.
        #expect(definition.downloads?.count == 1)
    }

    static let melodi = """
        id: m
        label: M
        kind: melodi
        vintage: "2021"
        geography: 2025
        recognise: { columns: [GEO, GEO_OBJECT, X_MEASURE], file_name: 'DS_X_data\\.csv$' }
        melodi:
          dimensions: [X_MEASURE]
          variable: "{X_MEASURE}{yy}"
          levels: { COM: commune }

        """

    @Test(arguments: [
        ("melodi_api: { dataset: DS_X, geo: [DEP-62*COM, COM-62498], to: x, page_size: 500, labels: false }", nil),
        ("melodi_api: { dataset: ds_x, geo: [DEP-62], to: x }", "melodi_api.dataset 'ds_x' is not a Melodi identifier"),
        ("melodi_api: { dataset: DS_X, geo: [], to: x }", "melodi_api.geo must name at least one GEO filter"),
        ("melodi_api: { dataset: DS_X, geo: ['62'], to: x }", "melodi_api.geo '62' is not a GEO filter of the API"),
        ("melodi_api: { dataset: DS_X, geo: ['DEP-62&TIME_PERIOD=2021'], to: x }", "is not a GEO filter of the API"),
        ("melodi_api: { dataset: DS_X, geo: [DEP-62, DEP-62], to: x }", "melodi_api.geo names DEP-62 twice"),
        ("melodi_api: { dataset: DS_X, geo: [DEP-62], to: ../x }", "melodi_api.to '../x' must be a relative path inside the raw folder"),
        ("melodi_api: { dataset: DS_X, geo: [DEP-62], to: x, page_size: 100001 }", "must be between 1 and 100000"),
        ("melodi_api: { dataset: DS_X, geo: [DEP-62], to: x, url: 'ftp://x' }", "melodi_api.url 'ftp://x' is not an http(s) address"),
        ("melodi_api: { dataset: DS_Y, geo: [DEP-62], to: x }", "gives the file DS_Y_data.csv, which recognise.file_name"),
    ] as [(String, String?)])
    func declarationsAreCheckedWhenTheCatalogueLoads(yaml: String, problem: String?) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("melodi-api-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data((Self.melodi + yaml + "\n").utf8).write(to: directory.appendingPathComponent("m.yaml"))
        do {
            let catalog = try SourceCatalog(directory: directory.path)
            #expect(problem == nil)
            #expect(try catalog.definition(id: "m").melodiAPI?.effectivePageSize == 500)
        } catch let error as ObservatoireError {
            #expect(problem != nil && error.message.contains(problem!), "\(error.message)")
        }
    }

    @Test func onlyAMelodiSourceMayAskTheAPI() throws {
        var definition = try Sandbox().catalog.definition(id: "filosofi-commune-2021")
        definition.melodiAPI = .init(dataset: "DS_FILOSOFI_CC", geo: ["DEP-62"], to: "x")
        #expect(definition.melodiAPI?.problem(in: definition)?.hasPrefix("melodi_api: is for melodi sources") == true)
    }
}
