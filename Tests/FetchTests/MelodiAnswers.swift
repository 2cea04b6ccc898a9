import Foundation

/// Recorded answers of INSEE's Melodi API for `fetch-server.py` to play, written in the
/// shapes the API gives (as recorded in the tests of INSEE's R package, InseeFrLab/melodi,
/// `tests/testthat/_vcr/*.yml`): a page is `{identifier, title, observations: [{dimensions:
/// {GEO: "2025-COM-62498", …}, attributes: {CONF_STATUS, OBS_STATUS, UNIT_MULT, …}, measures:
/// {OBS_VALUE_NIVEAU: {value}}}], paging: {first, next, isLast, count}}`, a range is
/// `{code, label, range: [{concept: {code, label}, values: [{code, label}]}]}`.
///
/// The Filosofi figures of Lens (62498) and Ablain-Saint-Nazaire (62001) are those of the
/// project's other Filosofi fixtures (the 2021 commune file), Liévin's (62510) median the one
/// the README shows; Lens's Gini index, the département's median, the labels of the
/// measures and the UNIT_MEASURE codes are made up.
struct MelodiAnswers {
    let root: URL

    init(root: URL) throws {
        self.root = root
        try FileManager.default.createDirectory(at: root.appendingPathComponent("melodi"), withIntermediateDirectories: true)
    }

    /// One page of `dataset` for the GEO filter `geo`; `plan` says what its first requests
    /// get instead (429, 429-bare, truncate, invalid, 500).
    func page(_ dataset: String, geo: String, page: Int, pageSize: Int, observations: [String], count: Int?, last: Bool,
              plan: [String] = []) throws {
        let address = "https://api.insee.fr/melodi/data/\(dataset)?GEO=\(geo.replacingOccurrences(of: "*", with: "%2A"))&maxResult=\(pageSize)"
        var paging = ["\"first\":\"\(address)&page=1\""]
        if !last { paging.append("\"next\":\"\(address)&page=\(page + 1)\"") }
        paging.append("\"isLast\":\(last)")
        if let count { paging.append("\"count\":\(count)") }
        let body = """
            {"identifier":"\(dataset)","title":{"fr":"Revenus, niveau de vie et pauvreté","en":"Income, standard of living and poverty"},\
            "publisher":{"id":"INSEE"},"observations":[\(observations.joined(separator: ","))],"paging":{\(paging.joined(separator: ","))}}
            """
        try write("melodi/data/\(dataset)/\(geo.replacingOccurrences(of: "*", with: "~"))/page-\(page).json", body, plan: plan)
    }

    /// The labels of the Filosofi dataset's codes (and two territories, which the
    /// metadata file leaves out).
    func filosofiRange(plan: [String] = []) throws {
        try write("melodi/range/DS_FILOSOFI_CC.json", """
            {"code":"DS_FILOSOFI_CC","label":{"fr":"Revenus, niveau de vie et pauvreté","en":"Income, standard of living and poverty"},"range":[
            {"concept":{"code":"FILOSOFI_MEASURE","label":{"fr":"Mesure","en":"Measure"}},"type":"modalites","values":[
            {"code":"NUM_HH","label":{"fr":"Nombre de ménages fiscaux","en":"Number of tax households"}},
            {"code":"MED_SL","label":{"fr":"Médiane du niveau de vie","en":"Median standard of living"}},
            {"code":"PR_MD60","label":{"fr":"Taux de pauvreté au seuil de 60 %","en":null}},
            {"code":"GI_SL","label":{"fr":"Indice de Gini du niveau de vie","en":"Gini index"}}]},
            {"concept":{"code":"CONF_STATUS","label":{"fr":"Statut de confidentialité"}},"type":"modalites","values":[
            {"code":"F","label":{"fr":"Libre"}},{"code":"C","label":{"fr":"Confidentiel; \\"secret\\""}}]},
            {"concept":{"code":"GEO","label":{"fr":"Géographie","en":"Geography"}},"type":"geo","values":[
            {"code":"62498","id":"2025-COM-62498","label":{"fr":"Lens","en":null},"type":{"code":"COM","fr":"Commune"}},
            {"code":"62","id":"2025-DEP-62","label":{"fr":"Pas-de-Calais","en":null},"type":{"code":"DEP","fr":"Département"}}]}]}
            """, plan: plan)
    }

    /// One observation of the Filosofi dataset: `value` as JSON (`17250.0`), nil for a
    /// withheld value (`{}`); `extra` dimensions beside the dataset's own.
    static func filosofi(_ geo: String, _ measure: String, _ unit: String, _ value: String?, conf: String = "F", obs: String = "A",
                         unitMult: String = "\"0\"", extra: String = "") -> String {
        """
        {"dimensions":{"GEO":"\(geo)","FILOSOFI_MEASURE":"\(measure)","UNIT_MEASURE":"\(unit)","TIME_PERIOD":"2021"\(extra)},\
        "attributes":{"CONF_STATUS":"\(conf)","OBS_STATUS":"\(obs)","UNIT_MULT":\(unitMult),"DECIMALS":"0"},\
        "measures":{"OBS_VALUE_NIVEAU":{\(value.map { "\"value\":\($0)" } ?? "")}}}
        """
    }

    /// The Pas-de-Calais communes asked with `DEP-62*COM`, in three pages of three.
    static let communes: [[String]] = [
        [filosofi("2025-COM-62498", "NUM_HH", "HH", "13571.0"),
         filosofi("2025-COM-62498", "MED_SL", "EUR_YR", "17250.0"),
         filosofi("2025-COM-62498", "PR_MD60", "PC", "32.0")],
        [filosofi("2025-COM-62498", "GI_SL", "IX", "0.263"),
         filosofi("2025-COM-62001", "NUM_HH", "HH", "791.0"),
         filosofi("2025-COM-62001", "MED_SL", "EUR_YR", "25590.0")],
        [filosofi("2025-COM-62001", "PR_MD60", "PC", nil, conf: "C"),
         filosofi("2025-COM-62510", "MED_SL", "EUR_YR", "17840.0")],
    ]

    /// The département's own value, asked with `DEP-62` (its UNIT_MULT a number).
    static let departement = [filosofi("2025-DEP-62", "MED_SL", "EUR_YR", "20480.0", unitMult: "0")]

    /// The requests the server received, decoded, in order.
    func requests() -> [String] {
        let text = (try? String(contentsOf: root.appendingPathComponent("melodi/requests.log"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init)
    }

    private func write(_ relative: String, _ body: String, plan: [String]) throws {
        let url = root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(body.utf8).write(to: url)
        if !plan.isEmpty {
            try Data((plan.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: url.path + ".plan"))
        }
    }
}
