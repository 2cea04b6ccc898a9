import Catalog
import Foundation
import Logging
import Tabular
import TestSupport
import Testing
@testable import Fetch

/// `fetch` asking the Melodi API, against recorded answers that `fetch-server.py` plays on
/// 127.0.0.1: paging, the quota, 429s, broken and unreadable pages, refusals, and the file
/// written, which `ingest` then loads like INSEE's published one. Time is a `VirtualClock`:
/// no test waits for the quota's minute.
@Suite(.enabled(if: FileManager.default.fileExists(atPath: "/usr/bin/python3"), "/usr/bin/python3 is absent: the recorded Melodi answers cannot be played"))
struct MelodiAPIFetchTests {
    let sandbox: Sandbox
    let answers: MelodiAnswers
    let server: FetcherTests.LoopbackServer
    let clock = VirtualClock()
    let lines = RecordingLogHandler.Lines()

    init() throws {
        sandbox = try Sandbox()
        answers = try MelodiAnswers(root: sandbox.directory.appendingPathComponent("answers"))
        server = try FetcherTests.LoopbackServer(root: answers.root.path)
    }

    private var raw: String { sandbox.directory.appendingPathComponent("raw").path }
    private var folder: String { raw + "/filosofi/melodi-api" }

    /// The project's Filosofi géographie 2025 source, asking for what the test says.
    private func filosofi(geo: [String], pageSize: Int = 3, dataset: String = "DS_FILOSOFI_CC", labels: Bool? = nil) throws -> SourceDefinition {
        var definition = try sandbox.catalog.definition(id: "filosofi-commune-2021-geo2025")
        definition.melodiAPI = .init(dataset: dataset, geo: geo, to: "filosofi/melodi-api", pageSize: pageSize, labels: labels)
        return definition
    }

    private func fetch(_ definition: SourceDefinition, requests: Int = 30, refresh: Bool = false) -> FetchOutcome {
        var policy = Fetcher.Policy(attempts: 3, firstDelay: 0.05, timeout: 10)
        policy.clock = clock
        policy.melodiBaseURL = server.url("melodi")
        policy.requestsPerWindow = requests
        policy.window = 60
        policy.refreshesMelodiAnswers = refresh
        let outcomes = Fetcher(raw: raw, policy: policy, logger: RecordingLogHandler.logger(lines)).fetch([definition])
        return outcomes[0]
    }

    private func files(in folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }

    /// The Pas-de-Calais communes in three pages — the second throttled once (Retry-After:
    /// 1), the third broken off once — and the département's page unreadable once.
    private func recordFilosofi() throws {
        try answers.filosofiRange()
        for (index, observations) in MelodiAnswers.communes.enumerated() {
            try answers.page("DS_FILOSOFI_CC", geo: "DEP-62*COM", page: index + 1, pageSize: 3, observations: observations,
                             count: index == 0 ? 8 : nil, last: index == 2, plan: [[], ["429"], ["truncate"]][index])
        }
        try answers.page("DS_FILOSOFI_CC", geo: "DEP-62", page: 1, pageSize: 3, observations: MelodiAnswers.departement,
                         count: 1, last: true, plan: ["invalid"])
    }

    @Test func pagesThroughEveryFilterWithinTheQuotaAndWritesThePublishedLayout() throws {
        try recordFilosofi()
        let outcome = fetch(try filosofi(geo: ["DEP-62*COM", "DEP-62"]), requests: 3)
        #expect(outcome.status == .downloaded, "\(outcome.message ?? "")")
        #expect(outcome.path == folder + "/DS_FILOSOFI_CC_data.csv")
        #expect(answers.requests() == [
            "/melodi/range/DS_FILOSOFI_CC",
            "/melodi/data/DS_FILOSOFI_CC?GEO=DEP-62*COM&maxResult=3&page=1&totalCount=TRUE",
            "/melodi/data/DS_FILOSOFI_CC?GEO=DEP-62*COM&maxResult=3&page=2",
            "/melodi/data/DS_FILOSOFI_CC?GEO=DEP-62*COM&maxResult=3&page=2",
            "/melodi/data/DS_FILOSOFI_CC?GEO=DEP-62*COM&maxResult=3&page=3",
            "/melodi/data/DS_FILOSOFI_CC?GEO=DEP-62*COM&maxResult=3&page=3",
            "/melodi/data/DS_FILOSOFI_CC?GEO=DEP-62&maxResult=3&page=1&totalCount=TRUE",
            "/melodi/data/DS_FILOSOFI_CC?GEO=DEP-62&maxResult=3&page=1&totalCount=TRUE",
        ])
        #expect(outcome.attempts == 8)
        // Retry-After honoured; 8 requests at 3 a window need two windows of waiting.
        #expect(clock.sleeps.contains(1))
        #expect(clock.now() >= 120)

        #expect(try String(contentsOfFile: outcome.path, encoding: .utf8) == """
            GEO;GEO_OBJECT;FILOSOFI_MEASURE;UNIT_MEASURE;UNIT_MULT;CONF_STATUS;OBS_STATUS;TIME_PERIOD;OBS_VALUE
            62498;COM;NUM_HH;HH;0;F;A;2021;13571
            62498;COM;MED_SL;EUR_YR;0;F;A;2021;17250
            62498;COM;PR_MD60;PC;0;F;A;2021;32
            62498;COM;GI_SL;IX;0;F;A;2021;0.263
            62001;COM;NUM_HH;HH;0;F;A;2021;791
            62001;COM;MED_SL;EUR_YR;0;F;A;2021;25590
            62001;COM;PR_MD60;PC;0;C;A;2021;
            62510;COM;MED_SL;EUR_YR;0;F;A;2021;17840
            62;DEP;MED_SL;EUR_YR;0;F;A;2021;20480

            """)
        #expect(try String(contentsOfFile: folder + "/DS_FILOSOFI_CC_metadata.csv", encoding: .utf8) == """
            "COD_VAR";"LIB_VAR";"COD_MOD";"LIB_MOD"
            "FILOSOFI_MEASURE";"Mesure";"NUM_HH";"Nombre de ménages fiscaux"
            "FILOSOFI_MEASURE";"Mesure";"MED_SL";"Médiane du niveau de vie"
            "FILOSOFI_MEASURE";"Mesure";"PR_MD60";"Taux de pauvreté au seuil de 60 %"
            "FILOSOFI_MEASURE";"Mesure";"GI_SL";"Indice de Gini du niveau de vie"
            "CONF_STATUS";"Statut de confidentialité";"F";"Libre"
            "CONF_STATUS";"Statut de confidentialité";"C";"Confidentiel; ""secret""\"

            """)
        // Nothing but the two files: no part left behind.
        #expect(files(in: folder) == ["DS_FILOSOFI_CC_data.csv", "DS_FILOSOFI_CC_metadata.csv"])
        #expect(outcome.sha256 == (try FileDigest.sha256(path: outcome.path)).sha256)
        #expect(outcome.message?.contains("9 observations in 4 pages (8 requests)") == true, "\(outcome.message ?? "")")
        #expect(outcome.message?.contains("left out: DECIMALS") == true)

        // Progress, waits and retries go through the logger.
        let logged = lines.all
        #expect(logged.contains("notice: Melodi DS_FILOSOFI_CC GEO=DEP-62*COM: page 1 of 3, 3 observations (3 of 8)"), "\(logged)")
        #expect(logged.contains("notice: Melodi DS_FILOSOFI_CC GEO=DEP-62*COM: page 3 of 3, 2 observations (8 of 8)"))
        #expect(logged.contains("notice: Melodi DS_FILOSOFI_CC GEO=DEP-62: page 1 of 1, 1 observation (1 of 1)"))
        #expect(logged.contains("notice: The Melodi API answered 429 (too many requests): waiting 1 s as its Retry-After asks"))
        #expect(logged.contains { $0.hasPrefix("notice: Waiting ") && $0.hasSuffix(" s for the Melodi API's quota (3 requests in 60 s)") })
        #expect(logged.filter { $0 == "warning: Melodi answer unusable, asking again" }.count == 2)
        #expect(logged.last?.hasPrefix("notice: downloaded \(outcome.path)") == true)
    }

    /// What the API answered, ingested like INSEE's file: the communes and the
    /// département's published value, the confidential cell a secret, the labels from the
    /// metadata written beside it, the checksum the one fetch reported.
    @Test func theAnswerIngestsLikeThePublishedFile() throws {
        try recordFilosofi()
        let outcome = fetch(try filosofi(geo: ["DEP-62*COM", "DEP-62"]))
        #expect(outcome.status == .downloaded, "\(outcome.message ?? "")")
        let summary = try sandbox.ingest([folder])
        #expect(summary.outcomes.map(\.status.rawValue) == ["loaded", "skipped"], "\(summary.outcomes.map(\.message))")
        #expect(summary.outcomes.first?.sourceID == "filosofi-commune-2021-geo2025")
        #expect(summary.rowsRejected == 0)
        #expect(try sandbox.lines("""
            SELECT territory_level || ':' || territory_code, variable, period, value, status FROM v_observations
            WHERE source_id = 'filosofi-commune-2021-geo2025' ORDER BY 1, 2
            """) == [
            "COM:62001 | MED21 | 2021 | 25590.0 | ok",
            "COM:62001 | NBMENFISC21 | 2021 | 791.0 | ok",
            "COM:62001 | TP6021 | 2021 | NULL | secret",
            "COM:62498 | GI_SL21 | 2021 | 0.263 | ok",
            "COM:62498 | MED21 | 2021 | 17250.0 | ok",
            "COM:62498 | NBMENFISC21 | 2021 | 13571.0 | ok",
            "COM:62498 | TP6021 | 2021 | 32.0 | ok",
            "COM:62510 | MED21 | 2021 | 17840.0 | ok",
            "DEP:62 | MED21 | 2021 | 20480.0 | ok",
        ])
        // One load per level, each with the checksum fetch reported.
        let loads = try sandbox.lines("SELECT name, rows_read, rows_loaded, sha256 FROM files ORDER BY file_id")
        #expect(loads == [
            "DS_FILOSOFI_CC_data.csv | 9 | 9 | \(outcome.sha256 ?? "")",
            "DS_FILOSOFI_CC_data.csv [DEP] | 1 | 1 | \(outcome.sha256 ?? "")",
        ], "\(loads)")
        #expect(try sandbox.lines("SELECT variable, label FROM v_variables WHERE variable IN ('GI_SL21', 'MED21') ORDER BY 1") == [
            "GI_SL21 | Indice de Gini du niveau de vie", "MED21 | Médiane du niveau de vie (€)",
        ])
    }

    /// A page that stays broken fails the fetch, naming the address, the page and what to
    /// do, and leaves the raw folder as it was — the answer fetched before included.
    @Test func aPageThatStaysBrokenFailsAndKeepsNothing() throws {
        try answers.filosofiRange()
        for (index, observations) in MelodiAnswers.communes.enumerated() {
            try answers.page("DS_FILOSOFI_CC", geo: "DEP-62*COM", page: index + 1, pageSize: 3, observations: observations,
                             count: index == 0 ? 8 : nil, last: index == 2, plan: index == 1 ? ["truncate", "invalid", "truncate", "truncate"] : [])
        }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data("before\n".utf8).write(to: URL(fileURLWithPath: folder + "/DS_FILOSOFI_CC_data.csv"))
        let outcome = fetch(try filosofi(geo: ["DEP-62*COM"]), refresh: true)
        #expect(outcome.status == .failed)
        let message = outcome.message ?? ""
        #expect(message.hasPrefix("\(server.url("melodi"))/data/DS_FILOSOFI_CC?GEO=DEP-62%2ACOM&maxResult=3&page=2: page 2 of DS_FILOSOFI_CC for GEO=DEP-62*COM could not be read in 3 attempts (last: connection closed before the whole answer arrived"), "\(message)")
        #expect(message.contains("nothing was kept in \(raw). Run `observatoire fetch --source filosofi-commune-2021-geo2025` again later"))
        #expect(answers.requests().count == 5)
        #expect(files(in: folder) == ["DS_FILOSOFI_CC_data.csv"])
        #expect(try String(contentsOfFile: folder + "/DS_FILOSOFI_CC_data.csv", encoding: .utf8) == "before\n")
        #expect(lines.all.last?.hasPrefix("error: failed \(folder)/DS_FILOSOFI_CC_data.csv") == true)
    }

    /// A dataset the API does not know gets its 500 (as the real API answers one), asked
    /// again, then refused with the remedy.
    @Test func anUnknownDatasetFailsAfterItsRetries() throws {
        try FileManager.default.createDirectory(at: answers.root.appendingPathComponent("melodi/data"), withIntermediateDirectories: true)
        let outcome = fetch(try filosofi(geo: ["DEP-62"], dataset: "DS_FILOSOFI_XX", labels: false))
        #expect(outcome.status == .failed)
        #expect(outcome.message?.contains("page 1 of DS_FILOSOFI_XX for GEO=DEP-62 could not be read in 3 attempts (last: HTTP 500: Le serveur a rencontré une erreur inattendue.)") == true,
                "\(outcome.message ?? "")")
        #expect(outcome.message?.contains("check melodi_api in the source's definition (dataset DS_FILOSOFI_XX, GEO filters)") == true)
        #expect(answers.requests().count == 3)
        #expect(files(in: folder).isEmpty)
    }

    /// A 429 without Retry-After waits a window, then twice that; one answered with 429
    /// more times than the attempts gives up, saying why.
    @Test func throttlingWithoutRetryAfterBacksOffThenGivesUp() throws {
        let page = [MelodiAnswers.filosofi("2025-COM-62498", "MED_SL", "EUR_YR", "17250.0")]
        try answers.page("DS_FILOSOFI_CC", geo: "COM-62498", page: 1, pageSize: 3, observations: page, count: 1, last: true,
                         plan: ["429-bare", "429-bare"])
        let outcome = fetch(try filosofi(geo: ["COM-62498"], labels: false))
        #expect(outcome.status == .downloaded, "\(outcome.message ?? "")")
        #expect(clock.sleeps == [60, 120])
        #expect(outcome.message?.contains("no labels asked") == true)
        #expect(files(in: folder) == ["DS_FILOSOFI_CC_data.csv"])

        try answers.page("DS_FILOSOFI_CC", geo: "COM-62001", page: 1, pageSize: 3, observations: page, count: 1, last: true,
                         plan: ["429", "429", "429", "429"])
        let throttled = fetch(try filosofi(geo: ["COM-62001"], labels: false), refresh: true)
        #expect(throttled.status == .failed)
        #expect(throttled.message?.contains("the API answered 429 (too many requests) 4 times for page 1 of DS_FILOSOFI_CC for GEO=COM-62001") == true,
                "\(throttled.message ?? "")")
        #expect(try String(contentsOfFile: folder + "/DS_FILOSOFI_CC_data.csv", encoding: .utf8).contains("62498;COM;MED_SL"))
    }

    /// A dimension the definition does not declare, or territories of another géographie,
    /// refuse the answer at once: asking again would get the same.
    @Test(arguments: [
        (#","FREQ":"A""#, "2025-COM-62498", "the answer has a dimension FREQ (A) that source filosofi-commune-2021-geo2025 does not declare: add it to melodi.dimensions"),
        ("", "2026-COM-62498", "GEO 2026-COM-62498 is in the géographie 2026, where source filosofi-commune-2021-geo2025 declares geography: 2025"),
    ])
    func anAnswerTheFileCannotHoldIsRefused(extra: String, geo: String, expected: String) throws {
        try answers.page("DS_FILOSOFI_CC", geo: "COM-62498", page: 1, pageSize: 3,
                         observations: [MelodiAnswers.filosofi(geo, "MED_SL", "EUR_YR", "17250.0", extra: extra)], count: 1, last: true)
        let outcome = fetch(try filosofi(geo: ["COM-62498"], labels: false))
        #expect(outcome.status == .failed)
        #expect(outcome.message?.contains(expected) == true, "\(outcome.message ?? "")")
        #expect(outcome.message?.contains("(page 1 of DS_FILOSOFI_CC for GEO=COM-62498); nothing was kept") == true)
        #expect(answers.requests().count == 1)
        #expect(files(in: folder).isEmpty)
    }

    /// An answer already in the raw folder is left alone, without a request, unless refreshed.
    @Test func anAnswerAlreadyThereIsLeftAloneUnlessRefreshed() throws {
        try answers.page("DS_FILOSOFI_CC", geo: "COM-62498", page: 1, pageSize: 3,
                         observations: [MelodiAnswers.filosofi("2025-COM-62498", "MED_SL", "EUR_YR", "17250.0")], count: 1, last: true)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data("before\n".utf8).write(to: URL(fileURLWithPath: folder + "/DS_FILOSOFI_CC_data.csv"))
        let present = fetch(try filosofi(geo: ["COM-62498"], labels: false))
        #expect(present.status == .present)
        #expect(present.message == "already there (the Melodi API was asked before; fetch --refresh asks again)")
        #expect(present.sha256 == (try FileDigest.sha256(path: present.path)).sha256)
        #expect(answers.requests().isEmpty)
        let refreshed = fetch(try filosofi(geo: ["COM-62498"], labels: false), refresh: true)
        #expect(refreshed.status == .downloaded)
        #expect(try String(contentsOfFile: refreshed.path, encoding: .utf8).hasSuffix("62498;COM;MED_SL;EUR_YR;0;F;A;2021;17250\n"))
    }
}
