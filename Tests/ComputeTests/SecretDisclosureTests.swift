import Export
import Foundation
import Ingest
import Logging
import Tabular
import TestSupport
import Testing

/// Secret statistique: no value, part or export shows a number where the status is secret,
/// and no two published values differ by a secret commune's value.
///
/// The rule that makes subtraction harmless: an aggregate that is published (`ok`) is
/// exactly the sum of its communes' *published* values — secret communes are left out, and
/// a sum that would leave out exactly one of them is withheld — so the difference of any two
/// published aggregates is a sum of published commune values, never a secret one.
@Suite("secret statistique", .enabled(if: SharedData.isAvailable, "../shared/data is absent"))
struct SecretDisclosureTests {
    /// In Filosofi 2021, CC du Pays de Fénelon (EPCI:242400935) has six communes, one of them
    /// secret (COM:24533): this zone is the EPCI without it.
    static let secretCommune = "COM:24533"
    static let epci = "EPCI:242400935"
    static let publishedCommunes = ["24316", "24354", "24376", "24490", "24511"]
    static let epciMinusItsSecretCommune = """
        id: epci-minus-its-secret-commune
        label: "EPCI:242400935 without its secret commune 24533"
        geography: 2024
        communes: [\(publishedCommunes.map { "\"\($0)\"" }.joined(separator: ", "))]
        """

    private var sandbox: Sandbox { get throws { try RealIndicatorWarehouse.shared.get() } }

    @Test("no secret value, derived value, numerator or denominator holds a number")
    func secretValuesHaveNoNumber() throws {
        let sandbox = try sandbox
        #expect(try sandbox.scalar("SELECT count(*) FROM indicator_values WHERE status = 'secret'") ?? 0 > 100_000)
        #expect(try sandbox.scalar("""
            SELECT count(*) FROM indicator_values WHERE status = 'secret'
              AND (value IS NOT NULL OR numerator IS NOT NULL OR denominator IS NOT NULL OR derived IS NOT NULL)
            """) == 0)
        #expect(try sandbox.scalar("""
            SELECT count(*) FROM v_indicator_values WHERE status = 'secret' AND (value IS NOT NULL OR numerator IS NOT NULL OR denominator IS NOT NULL)
            """) == 0)
    }

    @Test("every published aggregate of a stock is the sum of its communes' published values", arguments: [
        "nombre_menages_fiscaux", "nombre_personnes_menages_fiscaux", "population",
    ])
    func publishedSumsHoldNoSecret(indicator: String) throws {
        let sandbox = try sandbox
        let aggregates: Int? = try sandbox.scalar("""
            SELECT count(*) FROM indicator_values WHERE indicator_id = ? AND status = 'ok' AND territory NOT LIKE 'COM:%' AND territory NOT LIKE 'ARM:%'
            """, [indicator])
        #expect(aggregates ?? 0 > 1_000)
        let differing: Int? = try sandbox.scalar("""
            SELECT count(*) FROM indicator_values a
            WHERE a.indicator_id = ?1 AND a.status = 'ok' AND a.territory NOT LIKE 'COM:%' AND a.territory NOT LIKE 'ARM:%'
              AND a.method NOT IN ('published', 'published components')
              AND abs(a.value - (SELECT total(c.value) FROM memberships m
                                 JOIN indicator_values c ON c.geography = m.geography AND c.territory = m.territory
                                  AND c.indicator_id = ?1 AND c.period = a.period AND c.status = 'ok'
                                 WHERE m.geography = a.geography AND m.parent = a.territory AND m.territory LIKE 'COM:%')) > 1e-6
            """, [indicator])
        #expect(differing == 0)
    }

    @Test("an EPCI minus its one secret commune: the EPCI is withheld, so the difference cannot be taken")
    func epciMinusItsSecretCommune() throws {
        let sandbox = try sandbox
        let statuses = try sandbox.lines("""
            SELECT n.territory, n.status FROM memberships m
            JOIN normalised_observations n ON n.geography = m.geography AND n.territory = m.territory
            JOIN variables v USING (variable_id)
            WHERE m.geography = 2024 AND m.parent = ? AND v.code = 'NBMENFISC21' ORDER BY 1
            """, [Self.epci])
        #expect(statuses == Self.publishedCommunes.map { "COM:\($0) | ok" } + ["\(Self.secretCommune) | secret"])

        let values = try sandbox.lines("""
            SELECT territory, status, value, method FROM indicator_values
            WHERE indicator_id = 'nombre_menages_fiscaux' AND territory IN (?, 'ZONE:epci-minus-its-secret-commune') ORDER BY 1
            """, [Self.epci])
        let zoneTotal: Double? = try sandbox.scalar("""
            SELECT sum(value) FROM indicator_values WHERE indicator_id = 'nombre_menages_fiscaux' AND status = 'ok'
              AND territory IN (SELECT 'COM:' || value FROM json_each(?))
            """, [String(decoding: try JSONEncoder().encode(Self.publishedCommunes), as: UTF8.self)])
        let total = try #require(zoneTotal)
        #expect(values == [
            "\(Self.epci) | secret | NULL | sum over communes, one secret commune",
            "ZONE:epci-minus-its-secret-commune | ok | \(total) | sum over communes",
        ])
    }

    @Test("exports write the word secret, never a number, where the status is secret", arguments: [ExportRequest.Format.csv, .json])
    func exportsShowNoSecretNumber(format: ExportRequest.Format) throws {
        let sandbox = try sandbox
        let request = ExportRequest(indicators: ["nombre_menages_fiscaux", "taux_pauvrete", "niveau_vie_median"],
                                    level: .commune, within: "DEP:24", geography: 2024)
        let path = sandbox.directory.appendingPathComponent("secret-\(UUID().uuidString).\(format.rawValue)").path
        _ = try Exporter(warehouse: sandbox.warehouse, logger: Logger(label: "tests", factory: { _ in SwiftLogNoOpLogHandler() })).export(request, format: format, to: path)
        let rows = try Self.valuesAndStatuses(in: path, format: format)
        #expect(rows.filter { $0.status == "secret" }.count > 100)
        #expect(rows.filter { $0.status == "secret" && !$0.value.isEmpty } == [])
        #expect(rows.filter { $0.status == "ok" && $0.value.isEmpty } == [])
    }

    private struct ExportedValue: Equatable {
        var value: String
        var status: String
    }

    /// The value and status of every row of a long export, read back from the file.
    private static func valuesAndStatuses(in path: String, format: ExportRequest.Format) throws -> [ExportedValue] {
        if format == .json {
            let document = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any]
            let rows = try #require(document?["rows"] as? [[String: Any]])
            return rows.map { ExportedValue(value: ($0["value"] as? NSNumber)?.stringValue ?? "", status: $0["status"] as? String ?? "") }
        }
        let reader = try CSVReader(path: path)
            let value = try #require(reader.header.firstIndex(of: "value"))
            let status = try #require(reader.header.firstIndex(of: "status"))
        var rows: [ExportedValue] = []
        try reader.forEachRecord { record in
            // The last line names the sources, in one field.
            guard record.count == reader.header.count else { return }
            rows.append(ExportedValue(value: record.string(at: value), status: record.string(at: status)))
        }
        return rows
    }
}

/// The same rules on a fixture small enough to read whole: one secret commune withholds a
/// sum, two or more make it partial (missing here, its coverage too low), and a zone made of
/// a territory minus its secret commune is the sum of published values.
@Suite struct SecretSumsOnAFixtureTests {
    static let households = """
        CODGEO;NBMENFISC21
        62001;400
        62003;200
        59001;s
        75056;s

        """

    @Test func sumsLeavingOutSecretCommunesAreWithheldOrPartial() throws {
        let sandbox = try Sandbox()
        try sandbox.loadFixtureGeography()
        #expect(try sandbox.ingest(sandbox.write("menages-2021.csv", Self.households), IngestOptions(geographyOfInput: 2024)).status == .loaded)
        for (id, communes) in [("with-one-secret", "62001, 62003, 59001"), ("minus-its-secret", "62001, 62003"), ("two-secrets", "62001, 59001, 75056")] {
            try sandbox.write("zones/\(id).yaml", "id: \(id)\nlabel: \(id)\ngeography: 2024\ncommunes: [\(communes)]\n")
        }
        try sandbox.normalise(2024, zonesDirectory: sandbox.directory.appendingPathComponent("zones").path)
        try sandbox.compute()
        let values = try sandbox.lines("""
            SELECT territory, status, value, estimate, method FROM indicator_values
            WHERE indicator_id = 'nombre_menages_fiscaux' AND territory NOT LIKE 'COM:%' ORDER BY territory
            """)
        let one = "sum over communes, one secret commune"
        let two = "sum over communes, partial: 2 secret communes left out, coverage below 0.9"
        #expect(values == [
            "DEP:59 | secret | NULL | 0 | \(one)", "DEP:62 | ok | 600.0 | 0 | sum over communes", "DEP:75 | secret | NULL | 0 | \(one)",
            "FR | insufficient-coverage | NULL | 1 | \(two)", "REG:11 | secret | NULL | 0 | \(one)", "REG:32 | secret | NULL | 0 | \(one)",
            "ZONE:minus-its-secret | ok | 600.0 | 0 | sum over communes", "ZONE:two-secrets | insufficient-coverage | NULL | 1 | \(two)",
            "ZONE:with-one-secret | secret | NULL | 0 | \(one)",
        ])
    }
}
