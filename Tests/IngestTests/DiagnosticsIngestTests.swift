import Foundation
import GRDB
import Ingest
import TestSupport
import Testing

/// ADEME's DPE, counted while streaming into observations per commune and year.
struct DiagnosticsIngestTests {
    /// Counts of one commune's variables for one year, from the warehouse.
    private func counts(_ sandbox: Sandbox, commune: String, year: String) throws -> [String: Double] {
        let rows = try sandbox.rows("""
            SELECT variable, value FROM v_observations WHERE territory_code = ? AND period = ? AND source_id LIKE 'ademe-dpe-%'
            """, [commune, year])
        return Dictionary(uniqueKeysWithValues: rows.map { ($0["variable"] as String, $0["value"] as Double) })
    }

    @Test func apiFieldNamesLabelsTypesPeriodsReplacementsAndRejections() throws {
        let sandbox = try Sandbox()
        let path = try sandbox.write("dpe-existants-62.csv", """
            numero_dpe,numero_dpe_remplace,code_insee_ban,etiquette_dpe,date_etablissement_dpe,type_batiment,annee_construction,conso_5_usages_par_m2_ep
            2362E0000001A,,62498,F,2023-03-01,maison,1925,390.5
            2362E0000002B,,62498,E,2023-04-12,maison,1930,280
            2362E0000003C,,62498,C,2023-05-20,appartement,1985,150
            2362E0000004D,2362E0000001A,62498,D,2023-09-02,maison,1925,210
            2362E0000005E,,62498,H,2023-10-01,maison,1925,100
            2362E0000002B,,62498,E,2023-11-12,maison,1930,280
            2362E0000006F,,62498,G,2024-01-15,immeuble,,
            2362E0000007G,,62510,B,2023-02-02,appartement,2015,60

            """)
        let outcome = try sandbox.ingest(path)
        #expect(outcome.sourceID == "ademe-dpe-logements-api")
        #expect(outcome.status == .rejections)
        #expect(outcome.counts == .init(rowsRead: 8, rowsLoaded: 6, rowsRejected: 2))
        #expect(outcome.repairs == "1 diagnostics replaced by a later one in the file counted once (the later one)")
        let rejected = try sandbox.rows("SELECT line, column_name, value, reason FROM rejected_rows ORDER BY line")
        #expect(rejected.map { "\($0["line"] as Int) \($0["column_name"] as String) \($0["value"] as String)" }
            == ["6 etiquette_dpe H", "7 numero_dpe 2362E0000002B"])
        // Lens 2023: 2362E0000001A (F) was replaced by 2362E0000004D (D): E, C, D remain.
        let lens = try counts(sandbox, commune: "62498", year: "2023")
        #expect(lens["DPE23_N"] == 3)
        #expect(lens["DPE23_N_E"] == 1 && lens["DPE23_N_D"] == 1 && lens["DPE23_N_C"] == 1)
        #expect(lens["DPE23_N_F"] == nil, "label counts are stored only when not zero")
        #expect(lens["DPE23_MAISON_N"] == 2 && lens["DPE23_MAISON_N_E"] == 1 && lens["DPE23_APPARTEMENT_N_C"] == 1)
        #expect(lens["DPE23_AV1948_N"] == 2 && lens["DPE23_1975_2000_N_C"] == 1)
        #expect(lens["DPE23_CONSO_EP_MED"] == 210)
        // 2024: a building without construction year nor consumption is counted, no median.
        let lens2024 = try counts(sandbox, commune: "62498", year: "2024")
        #expect(lens2024["DPE24_N"] == 1 && lens2024["DPE24_IMMEUBLE_N_G"] == 1)
        #expect(lens2024["DPE24_CONSO_EP_MED"] == nil)
        #expect(lens2024.keys.allSatisfy { !$0.contains("AV1948") })
        #expect(try counts(sandbox, commune: "62510", year: "2023")["DPE23_AP2012_N_B"] == 1)
        #expect(try sandbox.scalar("SELECT label FROM variables WHERE code = 'DPE23_MAISON_N_E'")
            == "Nombre de DPE, maisons, étiquette E (2023)")
    }

    /// The real export (new dwellings of the Rhône, display-label headers): its label
    /// distribution per arrondissement and year equals the one counted independently by
    /// Python's csv module, the replaced diagnostics left out.
    @Test(.enabled(if: SharedData.isAvailable && FileManager.default.fileExists(atPath: "/usr/bin/python3"), "../shared/data or python3 is absent"))
    func realExportCountsAsPythonDoes() throws {
        let sandbox = try Sandbox()
        let file = SharedData.path("dpe/dpe-v2-logements-neufs-69-sample.csv")
        let outcome = try sandbox.ingest(file)
        #expect(outcome.sourceID == "ademe-dpe-logements")
        #expect(outcome.status == .loaded)
        let script = """
            import csv, collections, json, sys
            rows = list(csv.DictReader(open(sys.argv[1], encoding='utf-8-sig')))
            replaced = {r['N°_DPE_remplacé'] for r in rows if r['N°_DPE_remplacé']}
            counts = collections.Counter()
            for r in rows:
                if r['N°DPE'] in replaced: continue
                counts['%s %s %s' % (r['Code_INSEE_(BAN)'], r['Date_établissement_DPE'][:4], r['Etiquette_DPE'])] += 1
            print(json.dumps(counts))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", script, file]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let expected = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Int])
        #expect(expected.values.reduce(0, +) == 2_850)
        let stored = try sandbox.rows("""
            SELECT territory_code, period, substr(variable, -1) AS label, value FROM v_observations
            WHERE variable GLOB 'DPE[0-9][0-9]_N_[A-G]' AND value > 0
            """)
        let found = Dictionary(uniqueKeysWithValues: stored.map {
            ("\($0["territory_code"] as String) \($0["period"] as String) \($0["label"] as String)", Int($0["value"] as Double))
        })
        #expect(found == expected)
        // Lyon 8e, new dwellings diagnosed in 2022: 521 of 873 are A or B.
        let lyon8 = try counts(sandbox, commune: "69388", year: "2022")
        #expect(lyon8["DPE22_N"] == 873)
        #expect(lyon8["DPE22_N_A"]! + lyon8["DPE22_N_B"]! == 521)
    }
}
