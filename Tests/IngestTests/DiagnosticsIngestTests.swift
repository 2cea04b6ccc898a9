import Foundation
import GRDB
import Ingest
import TestSupport
import Testing

/// ADEME's DPE, counted while streaming into observations per commune and year.
struct DiagnosticsIngestTests {
    /// Diagnostics of existing dwellings in the API's layout: a replacement, a bad label, a
    /// number seen twice, a building without year nor consumption, Paris and its arrondissements.
    static let existing = """
        numero_dpe,numero_dpe_remplace,code_insee_ban,etiquette_dpe,date_etablissement_dpe,type_batiment,annee_construction,conso_5_usages_par_m2_ep
        2362E0000001A,,62498,F,2023-03-01,maison,1925,390.5
        2362E0000002B,,62498,E,2023-04-12,maison,1930,280
        2362E0000003C,,62498,C,2023-05-20,appartement,1985,150
        2362E0000004D,2362E0000001A,62498,D,2023-09-02,maison,1925,210
        2362E0000005E,,62498,H,2023-10-01,maison,1925,100
        2362E0000002B,,62498,E,2023-11-12,maison,1930,280
        2362E0000006F,,62498,G,2024-01-15,immeuble,,
        2362E0000007G,,62510,B,2023-02-02,appartement,2015,60
        2362E0000008H,,62510,G,2023-03-03,maison,1900,950
        2375E0000009I,,75101,D,2023-05-05,appartement,1900,200
        2375E0000010J,,75102,E,2023-06-06,appartement,1910,300.5
        2375E0000011K,,75056,C,2023-07-07,maison,1950,100

        """

    /// Counts of one commune's variables for one year, from the warehouse.
    private func counts(_ sandbox: Sandbox, commune: String, year: String) throws -> [String: Double] {
        let rows = try sandbox.rows("""
            SELECT variable, value FROM v_observations WHERE territory_code = ? AND period = ? AND source_id LIKE 'ademe-dpe-%'
            """, [commune, year])
        return Dictionary(uniqueKeysWithValues: rows.map { ($0["variable"] as String, $0["value"] as Double) })
    }

    @Test func apiFieldNamesLabelsTypesPeriodsReplacementsAndRejections() throws {
        let sandbox = try Sandbox()
        let path = try sandbox.write("dpe-existants-62.csv", Self.existing)
        let outcome = try sandbox.ingest(path)
        #expect(outcome.sourceID == "ademe-dpe-logements-api")
        #expect(outcome.status == .rejections)
        #expect(outcome.counts == .init(rowsRead: 12, rowsLoaded: 10, rowsRejected: 2))
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
        // Medians and consumption classes by building type and period: maisons 210 and 280, the appartement 150.
        #expect(lens["DPE23_MAISON_CONSO_EP_MED"] == 245 && lens["DPE23_APPARTEMENT_CONSO_EP_MED"] == 150)
        #expect(lens["DPE23_AV1948_CONSO_EP_MED"] == 245 && lens["DPE23_1975_2000_CONSO_EP_MED"] == 150)
        #expect(lens["DPE23_IMMEUBLE_CONSO_EP_MED"] == nil && lens["DPE23_AP2012_CONSO_EP_MED"] == nil)
        #expect(lens.filter { $0.key.contains("_CONSO_EP_C") } == [
            "DPE23_CONSO_EP_C150": 1, "DPE23_CONSO_EP_C210": 1, "DPE23_CONSO_EP_C280": 1,
            "DPE23_MAISON_CONSO_EP_C210": 1, "DPE23_MAISON_CONSO_EP_C280": 1, "DPE23_APPARTEMENT_CONSO_EP_C150": 1,
            "DPE23_AV1948_CONSO_EP_C210": 1, "DPE23_AV1948_CONSO_EP_C280": 1, "DPE23_1975_2000_CONSO_EP_C150": 1,
        ])
        // 2024: a building without construction year nor consumption is counted, no median.
        let lens2024 = try counts(sandbox, commune: "62498", year: "2024")
        #expect(lens2024["DPE24_N"] == 1 && lens2024["DPE24_IMMEUBLE_N_G"] == 1)
        #expect(lens2024["DPE24_CONSO_EP_MED"] == nil)
        #expect(lens2024.keys.allSatisfy { !$0.contains("AV1948") })
        let other = try counts(sandbox, commune: "62510", year: "2023")
        #expect(other["DPE23_AP2012_N_B"] == 1 && other["DPE23_AP2012_CONSO_EP_MED"] == 60)
        // 950 kWh/m²/year falls in the open class, 800 or more.
        #expect(other["DPE23_CONSO_EP_MED"] == 505 && other["DPE23_CONSO_EP_C800"] == 1 && other["DPE23_CONSO_EP_C60"] == 1)
        // Paris: its own diagnostic and its arrondissements' make the commune; its medians are theirs, not a sum.
        let paris = try counts(sandbox, commune: "75056", year: "2023")
        #expect(paris["DPE23_N"] == 3 && paris["DPE23_APPARTEMENT_N"] == 2 && paris["DPE23_MAISON_N_C"] == 1)
        #expect(paris["DPE23_CONSO_EP_MED"] == 200 && paris["DPE23_APPARTEMENT_CONSO_EP_MED"] == 250.25)
        #expect(paris["DPE23_AV1948_CONSO_EP_MED"] == 250.25 && paris["DPE23_1948_1974_CONSO_EP_MED"] == 100)
        let first = try counts(sandbox, commune: "75101", year: "2023")
        #expect(first["DPE23_N"] == 1 && first["DPE23_CONSO_EP_MED"] == 200)
        #expect(try sandbox.scalar("SELECT DISTINCT territory_level FROM v_observations WHERE territory_code = '75101'") == "ARM")
        #expect(try sandbox.scalar("SELECT label FROM variables WHERE code = 'DPE23_MAISON_N_E'")
            == "Nombre de DPE, maisons, étiquette E (2023)")
        #expect(try sandbox.scalar("SELECT label FROM variables WHERE code = 'DPE23_AV1948_CONSO_EP_MED'")
            == "Consommation d'énergie primaire médiane des DPE, logements construits avant 1948 (kWh/m²/an) (2023)")
        #expect(try sandbox.scalar("SELECT label FROM variables WHERE code = 'DPE23_MAISON_CONSO_EP_C280'")
            == "Nombre de DPE, maisons, consommation d'énergie primaire de 280 à 290 kWh/m²/an (2023)")
        #expect(try sandbox.scalar("SELECT additive FROM variables WHERE code = 'DPE23_MAISON_CONSO_EP_MED'") == 0)
        #expect(try sandbox.scalar("SELECT additive FROM variables WHERE code = 'DPE23_MAISON_CONSO_EP_C280'") == 1)
    }

    @Test func keepRowsWritesEachCountedDiagnosticAndOnlyWhenAsked() throws {
        let sandbox = try Sandbox()
        let path = try sandbox.write("dpe-existants-62.csv", Self.existing)
        _ = try sandbox.ingest(path)
        #expect(try sandbox.scalar("SELECT count(*) FROM diagnostics") == 0)

        let kept = try Sandbox()
        let again = try kept.write("dpe-existants-62.csv", Self.existing)
        #expect(try kept.ingest(again, IngestOptions(keepRows: true)).counts == .init(rowsRead: 12, rowsLoaded: 10, rowsRejected: 2))
        // The ten loaded but the replaced 2362E0000001A: what the counts are made of.
        let rows = try kept.rows("SELECT * FROM diagnostics ORDER BY line")
        #expect(rows.count == 9)
        #expect(rows.map { $0["number"] as String }.contains("2362E0000001A") == false)
        let first = try #require(rows.first)
        #expect(first["line"] as Int == 3 && first["number"] as String == "2362E0000002B" && first["commune"] as String == "62498")
        #expect(first["date"] as String == "2023-04-12" && first["label"] as String == "E" && first["building_type"] as String == "maison")
        #expect(first["construction_year"] as Int? == 1930 && first["consumption"] as Double? == 280)
        let immeuble = try #require(rows.first { $0["number"] as String == "2362E0000006F" })
        #expect(immeuble["construction_year"] as Int? == nil && immeuble["consumption"] as Double? == nil)
        let counted: Int? = try kept.scalar("SELECT value FROM v_observations WHERE variable = 'DPE23_N' AND territory_code = '62498'")
        #expect(try kept.scalar("SELECT count(*) FROM diagnostics WHERE date LIKE '2023%' AND commune = '62498'") == counted)
    }

    /// Which line of a repeated number counts: the first one, even when it is rejected for
    /// another field; a later one is rejected as a repeat, unless already rejected for a field.
    @Test func aRepeatedNumberCountsOnceTheFirstTimeWhateverTheOtherFields() throws {
        let sandbox = try Sandbox()
        let path = try sandbox.write("dpe-existants-62.csv", """
            numero_dpe,numero_dpe_remplace,code_insee_ban,etiquette_dpe,date_etablissement_dpe,type_batiment,annee_construction,conso_5_usages_par_m2_ep
            2362E0000001A,,62498,X,2023-03-01,maison,1925,390.5
            2362E0000001A,,62498,F,2023-03-02,maison,1925,390.5
            2362E0000002B,,62498,E,2023-04-12,maison,1930,280
            2362E0000002B,,62498,Z,2023-04-13,maison,1930,280
            2362E0000002B,,62498,C,2023-04-14,maison,1930,280
            2362E0000003C-2362E0000003C-2362E0000003C,,62498,C,2023-04-14,maison,1930,280
            2362E0000004D,,62498,D,2023-05-01,appartement,,

            """)
        let outcome = try sandbox.ingest(path)
        #expect(outcome.counts == .init(rowsRead: 7, rowsLoaded: 2, rowsRejected: 5))
        let rejected = try sandbox.rows("SELECT line, column_name, value, reason FROM rejected_rows ORDER BY line")
        #expect(rejected.map { "\($0["line"] as Int) \($0["column_name"] as String) \($0["value"] as String)" } == [
            "2 etiquette_dpe X", "3 numero_dpe 2362E0000001A", "5 etiquette_dpe Z", "6 numero_dpe 2362E0000002B",
            "7 numero_dpe 2362E0000003C-2362E0000003C-2362E0000003C",
        ])
        #expect(rejected[1]["reason"] as String == "diagnostic number already seen in this file, on line 2")
        #expect(rejected[4]["reason"] as String == "a diagnostic number has at most 24 characters (ADEME's have 13)")
        // Shown on the terminal in line order, though the repeats are found at the end.
        #expect(outcome.firstRejections.map(\.line) == [2, 3, 5, 6, 7])
        let lens = try counts(sandbox, commune: "62498", year: "2023")
        #expect(lens["DPE23_N"] == 2 && lens["DPE23_N_E"] == 1 && lens["DPE23_N_D"] == 1)
    }

    /// The real export (new dwellings of the Rhône), with its display-label header and with
    /// the API's field names: every count, label count, median and consumption class, by
    /// building type, of every commune, arrondissement and of Lyon equals the independent
    /// count, and both header styles give the same observations.
    @Test(.enabled(if: SharedData.isAvailable && FileManager.default.isExecutableFile(atPath: Python.path), "../shared/data or python3 is absent"),
          arguments: ["labels", "api"])
    func realExportCountsAndMediansAsPythonDoes(style: String) throws {
        let sandbox = try Sandbox()
        var file = SharedData.path("dpe/dpe-v2-logements-neufs-69-sample.csv")
        if style == "api" {
            let renamed = sandbox.directory.appendingPathComponent("dpe-logements-neufs-69-api.csv").path
            try IndependentDPECount.renameToAPINames(file, into: renamed)
            file = renamed
        }
        let outcome = try sandbox.ingest(file)
        #expect(outcome.sourceID == (style == "api" ? "ademe-dpe-logements-api" : "ademe-dpe-logements"))
        #expect(outcome.status == .loaded)
        let expected = try IndependentDPECount.count(file, style: style).filter { !$0.key.hasPrefix("all ") }
        let stored = try sandbox.rows("SELECT territory_code, variable, value FROM v_observations")
        let found = Dictionary(uniqueKeysWithValues: stored.map { ("\($0["territory_code"] as String) \($0["variable"] as String)", $0["value"] as Double) })
        #expect(found.count == expected.count)
        #expect(found.filter { expected[$0.key] != $0.value } == [:], "stored but not counted so")
        #expect(expected.filter { found[$0.key] != $0.value } == [:], "counted but not stored so")
        // 2,850 diagnostics counted (one replaced), 2,834 of them in Lyon 8e, all of Lyon's.
        #expect(expected.filter { $0.key.hasSuffix("_N") && $0.key.split(separator: " ")[1].count == 7 && !$0.key.hasPrefix("69123") }
            .values.reduce(0, +) == 2_850)
        // Lyon 8e, new dwellings diagnosed in 2022: 521 of 873 are A or B.
        let lyon8 = try counts(sandbox, commune: "69388", year: "2022")
        #expect(lyon8["DPE22_N"] == 873)
        #expect(lyon8["DPE22_N_A"]! + lyon8["DPE22_N_B"]! == 521)
        let lyon = try counts(sandbox, commune: "69123", year: "2022")
        #expect(lyon["DPE22_APPARTEMENT_N"] == expected["69123 DPE22_APPARTEMENT_N"] && lyon["DPE22_APPARTEMENT_N"] != nil)
        #expect(lyon["DPE22_MAISON_CONSO_EP_MED"] == expected["69123 DPE22_MAISON_CONSO_EP_MED"])
    }
}
