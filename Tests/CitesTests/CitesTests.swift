@testable import Cites
import Core
import Foundation
import GRDB
import Ingest
import Testing
import TestSupport

/// Fixtures written for the purpose: cités on several communes and with several owners,
/// missing scores, an operation on an unknown cité; figures computed by hand below.
struct CitesTests {
    static let cites = """
        id_cite;nom;communes;epci;bailleurs;unesco;logements;part_ayants_droit;revenu_median_uc;etat_bati;qualite_architecturale
        A1;Cité Alpha;62001|62003;200000001;Maisons & Cités:100|SIA Habitat:50;oui;150;60;13000;5;5
        A2;Cité Beta;62003;200000001;Maisons & Cités:200;non;200;;16500;3;
        A3;Cité Gamma;59001;200000002;SIA Habitat:100;en partie;100;30;20000;1;1
        A4;Cité Delta;62001;200000002;Maisons & Cités:80;oui;80;0;19000;4;5

        """
    static let operations = """
        id_operation;id_cite;programme;logements;date_engagement;date_debut;date_livraison;cout_ttc;etiquette_avant;etiquette_apres;statut
        O1;A1;ERBM;100;2018-01-10;;2019-06-01;6000000;F;C;livrée
        O2;A2;ERBM;50;2019-03-01;;;;E;;engagée
        O3;A3;NPNRU;30;2020-01-01;;2021-01-01;;G;D;livrée
        O4;A4;ERBM;40;2020-05-05;;2021-09-09;2000000;E;E;livrée
        O5;ZZ;ERBM;10;2020-01-01;;;;;;engagée
        O6;A3;ERBM;20;;;;;;;abandonnée

        """
    static let erbm = ProgrammeTargets.Programme(id: "ERBM", label: "ERBM", target: 1000, start: 2017, end: 2027)
    static let rules = PriorityRules(
        social: .init(threshold: 60, criteria: [
            .init(column: "revenu_median_uc", weight: 2, zero: 20000, full: 13000),
            .init(column: "logements", weight: 1, zero: 0, full: 200),
            .init(column: "part_ayants_droit", weight: 1, zero: 0, full: 60),
        ]),
        heritage: .init(threshold: 60, criteria: [
            .init(column: "etat_bati", weight: 1, zero: 1, full: 5),
            .init(column: "qualite_architecturale", weight: 1, zero: 1, full: 5),
        ]))

    /// A sandbox with both fixtures ingested, cités first.
    static func loaded() throws -> (Sandbox, [FileOutcome]) {
        let sandbox = try Sandbox()
        let outcomes = try sandbox.ingest([try sandbox.write("cites/1-cites-2024.csv", cites),
                                           try sandbox.write("cites/2-operations-2024.csv", operations)]).outcomes
        return (sandbox, outcomes)
    }

    @Test func multiCommuneAndMultiOwnerCitesGoToChildTablesAndMissingScoresStayMissing() throws {
        let (sandbox, outcomes) = try Self.loaded()
        #expect(outcomes[0].sourceID == "inventaire-cites-minieres")
        #expect(outcomes[0].counts.rowsRejected == 0)
        let communes = try sandbox.rows("SELECT com FROM cite_communes WHERE id_cite = 'A1' ORDER BY com").map { $0["com"] as String }
        #expect(communes == ["62001", "62003"])
        let owners = try sandbox.rows("SELECT bailleur, logements FROM cite_bailleurs WHERE id_cite = 'A1' ORDER BY bailleur")
            .map { "\($0["bailleur"] as String):\($0["logements"] as Int)" }
        #expect(owners == ["Maisons & Cités:100", "SIA Habitat:50"])
        let beta = try #require(try sandbox.rows("SELECT * FROM cites WHERE id_cite = 'A2'").first)
        #expect(beta["qualite_architecturale"] as Int? == nil)
        #expect(beta["part_ayants_droit"] as Double? == nil)
        #expect(try sandbox.scalar("SELECT unesco FROM cites WHERE id_cite = 'A3'") == "en-partie")
    }

    @Test func anOperationOnAnUnknownCiteIsRejectedWithItsLineAndReason() throws {
        let (sandbox, outcomes) = try Self.loaded()
        #expect(outcomes[1].status == .rejections)
        let rejected = try sandbox.rows("SELECT line, column_name, value, reason FROM rejected_rows")
        #expect(rejected.count == 1)
        #expect(rejected.first?["line"] as Int? == 6)
        #expect(rejected.first?["value"] as String? == "ZZ")
        #expect((rejected.first?["reason"] as String?)?.contains("unknown cites.id_cite") == true)
        #expect(try sandbox.scalar("SELECT count(*) FROM renovation_operations") == 5)
    }

    @Test func badListItemsAndScoresRejectTheRow() throws {
        let sandbox = try Sandbox()
        let path = try sandbox.write("cites-2024.csv", """
            id_cite;nom;communes;epci;bailleurs;unesco;logements;part_ayants_droit;revenu_median_uc;etat_bati;qualite_architecturale
            B1;Cité;62001|620;200000001;M:1;oui;1;;;;
            B2;Cité;62001;200000001;Maisons & Cités;oui;1;;;;
            B3;Cité;62001;200000001;M:1;oui;1;;;6;

            """)
        _ = try sandbox.ingest(path)
        let reasons = try sandbox.rows("SELECT line, reason FROM rejected_rows ORDER BY line").map { "\($0["line"] as Int) \($0["reason"] as String)" }
        #expect(reasons.count == 3)
        #expect(reasons[0].hasPrefix("2 not a valid commune code"))
        #expect(reasons[1].hasPrefix("3 expected NAME:VALUE"))
        #expect(reasons[2] == "4 above the maximum 5")
        #expect(try sandbox.scalar("SELECT count(*) FROM cite_communes") == 0)
    }

    @Test func badReferenceIdentifiersRejectTheRow() throws {
        let sandbox = try Sandbox()
        let path = try sandbox.write("cites-2024.csv", """
            id_cite;nom;communes;epci;bailleurs;unesco;logements;part_ayants_droit;revenu_median_uc;etat_bati;qualite_architecturale;references
            R1;Cité;62001;200000001;M:1;oui;1;;;;;unesco15D
            R2;Cité;62001;200000001;M:1;oui;1;;;;;unesco:15D|unesco:16A
            R3;Cité;62001;200000001;M:1;oui;1;;;;;unesco:15D|erbm:776

            """)
        _ = try sandbox.ingest(path)
        let reasons = try sandbox.rows("SELECT line, column_name, value, reason FROM rejected_rows ORDER BY line")
            .map { "\($0["line"] as Int) \($0["column_name"] as String) \($0["value"] as String): \($0["reason"] as String)" }
        #expect(reasons == ["2 references unesco15D: expected NAME:VALUE in each item separated by '|'",
                            "3 references unesco:16A: unesco is listed twice"])
        #expect(try sandbox.lines("SELECT id_cite, list_id, ref_id FROM cite_reference_ids ORDER BY 2") == ["R3 | erbm | 776", "R3 | unesco | 15D"])
    }

    @Test func progressByEPCIAndTheUNESCOShareMatchTheHandComputedValues() throws {
        let (sandbox, _) = try Self.loaded()
        let reports = try RenovationProgressJob(warehouse: sandbox.warehouse, targets: try ProgrammeTargets(
            path: try sandbox.write("programmes.yaml", "programmes:\n  - { id: ERBM, label: ERBM, target: 1000, start: 2017, end: 2027 }\n")),
            logger: .quiet)
            .run(within: nil, command: "test")
        let rows = try #require(reports.first).rows
        func whole(_ breakdown: RenovationProgress.Breakdown, _ group: String) throws -> RenovationProgress.Row {
            try #require(rows.first { $0.breakdown == breakdown && $0.group == group && $0.year == nil })
        }
        // EPCI 1 (A1, A2): O1 100 committed 2018 and delivered 2019, O2 50 committed 2019.
        let first = try whole(.epci, "200000001")
        #expect((first.committed, first.delivered, first.shareCommitted) == (150, 100, 15))
        #expect(first.costPerDwelling == 60000)
        #expect((first.unescoCites, first.unescoTreated, first.unescoShare) == (1, 1, 100))
        // EPCI 2 (A3, A4): only O4 (O3 is NPNRU, O6 abandoned); A3 and A4 are UNESCO, A4 treated.
        let second = try whole(.epci, "200000002")
        #expect((second.committed, second.delivered) == (40, 40))
        #expect((second.unescoCites, second.unescoTreated, second.unescoShare) == (2, 1, 50))
        let total = try whole(.total, "total")
        #expect((total.committed, total.delivered) == (first.committed + second.committed, first.delivered + second.delivered))
        #expect(total.unescoCites == 3 && total.unescoTreated == 2)
        #expect(abs(total.unescoShare! - 200.0 / 3) < 1e-9)
        // F → C on 100 dwellings, E → E on 40: 300 / 140 classes; 100 of 140 leave E-F-G.
        #expect(abs(total.classesGained! - 300.0 / 140) < 1e-9)
        #expect(abs(total.shareLeavingEFG! - 100.0 * 100 / 140) < 1e-9)
        let in2019 = try #require(rows.first { $0.breakdown == .total && $0.year == 2019 })
        #expect((in2019.committed, in2019.delivered, in2019.cumulativeCommitted, in2019.cumulativeDelivered) == (50, 100, 150, 100))
        // Maisons & Cités owns 2/3 of A1, all of A2 and A4.
        let owner = try whole(.bailleur, "Maisons & Cités")
        #expect(abs(owner.committed - (100.0 * 2 / 3 + 50 + 40)) < 1e-9)
        #expect(try sandbox.scalar("SELECT count(*) FROM report_renovation_progress WHERE year IS NULL") == rows.filter { $0.year == nil }.count)
    }

    @Test func rankingOrderClassesAndBudgetFollowTheHandComputedScores() throws {
        let (sandbox, _) = try Self.loaded()
        let priority = try CitesPriorityJob(warehouse: sandbox.warehouse, rules: Self.rules, logger: .quiet).run(budget: 250, command: "test")
        let entries = priority.entries
        #expect(entries.map(\.cite.id) == ["A1", "A4", "A3", "A2"])
        #expect(entries.map(\.classe) == [.both, .heritage, .other, .other])
        // A1: (2×100 + 75 + 100) / 4 = 93.75 and 100; A4: (2×100/7 + 40 + 0) / 4 and (75 + 100) / 2.
        #expect(entries[0].social == 93.75 && entries[0].heritage == 100)
        #expect(abs(entries[1].social! - (200.0 / 7 + 40) / 4) < 1e-9 && entries[1].heritage == 87.5)
        #expect(entries[2].social == 25 && entries[2].heritage == 0)
        // A2 lacks part_ayants_droit and qualite_architecturale: no score, not 0.
        #expect(entries[3].social == nil && entries[3].heritage == nil && entries[3].score == nil)
        #expect(entries[3].missing == ["social: part_ayants_droit", "patrimoine: qualite_architecturale"])
        // Budget 250: A1 (150) and A4 (80) fit, A3 (100) and A2 (200) do not.
        #expect(entries.map(\.selected) == [true, true, false, false])
        #expect(entries.last?.cumulativeDwellings == 230)
        #expect(try sandbox.scalar("SELECT manquants FROM report_cites_priority WHERE id_cite = 'A2'")
            == "social: part_ayants_droit; patrimoine: qualite_architecturale")
        #expect(try sandbox.scalar("SELECT score_social FROM report_cites_priority WHERE id_cite = 'A2'") as Double? == nil)
    }

    @Test func theShippedPriorityRulesAndProgrammesRead() throws {
        let rules = try PriorityRules(path: packageRoot.appendingPathComponent("pipelines/cites-priorite.yaml").path)
        #expect(rules.social.criteria.map(\.column) == ["revenu_median_uc", "logements", "part_ayants_droit"])
        let targets = try ProgrammeTargets(path: packageRoot.appendingPathComponent("pipelines/programmes.yaml").path)
        #expect(targets.programmes == [.init(id: "ERBM", label: "Engagement pour le Renouveau du Bassin Minier", target: 23000, start: 2017, end: 2027)])
    }

    @Test func invalidGeoJSONIsAnErrorNamingTheFile() throws {
        let sandbox = try Sandbox()
        let path = try sandbox.write("broken.geojson", "{\"type\": \"FeatureCollection\", \"features\": [")
        #expect { try GeoJSONFeatures(path: path) } throws: { ($0 as? ObservatoireError)?.path == path }
    }

    @Test(.enabled(if: SharedData.isAvailable, "../shared/data is absent"))
    func theRealUNESCOCitesLoadAndTheirNamesakeCommunesAreListed() throws {
        let sandbox = try Sandbox()
        _ = try sandbox.ingest(SharedData.path("cog/2024/communes.csv"))
        let loader = CiteReferenceLoader(warehouse: sandbox.warehouse, logger: .quiet)
        let path = SharedData.path("bassin-minier/cites-unesco-124.geojson")
        let summary = try loader.load(path: path, listID: "unesco", geography: 2024, command: "test")
        #expect(summary.cites == 124)
        #expect(try sandbox.scalar("SELECT count(*) FROM cite_references WHERE list_id = 'unesco'") == 124)
        #expect(summary.unmatched.count == 6)
        #expect(Set(summary.unmatched.map(\.name)) == ["Grenay", "Rouvroy", "Mericourt", "Drocourt"])
        #expect(summary.unmatched.contains { $0.cite == "Cité des Quarante" && $0.reason.contains("38184 (38), 62386 (62)") })
        // Bruay-sur-l’Escaut (typographic apostrophe) matches Bruay-sur-l'Escaut.
        #expect(try sandbox.scalar("SELECT com FROM cite_reference_communes WHERE name = 'Bruay-sur-l’Escaut' LIMIT 1") == "59112")
        let within = try loader.load(path: path, listID: "unesco", geography: 2024, departements: ["59", "62"], command: "test")
        #expect(within.unmatched.isEmpty)
        #expect(try sandbox.scalar("SELECT count(*) FROM cite_reference_communes WHERE list_id = 'unesco' AND com IS NULL") == 0)
    }

    @Test(.enabled(if: SharedData.isAvailable, "../shared/data is absent"))
    func theRealERBMCitesLoadWithTheirOwnersAndTheirNamesakeCommunesAreListed() throws {
        let sandbox = try Sandbox()
        _ = try sandbox.ingest(SharedData.path("cog/2024/communes.csv"))
        let loader = CiteReferenceLoader(warehouse: sandbox.warehouse, logger: .quiet)
        let path = SharedData.path("bassin-minier/cites-erbm.geojson")
        let summary = try loader.load(path: path, listID: "erbm", geography: 2024, command: "test")
        #expect(summary.cites == 59)
        #expect(try sandbox.scalar("SELECT count(*) FROM cite_references WHERE list_id = 'erbm' AND proprietaire IS NOT NULL") == 59)
        #expect(try sandbox.scalar("SELECT count(*) FROM cite_reference_communes WHERE list_id = 'erbm'") == 76)
        // Seven names, four communes, each also the name of a commune outside the basin.
        #expect(summary.unmatched.map { "\($0.refID ?? "-") \($0.name)" }.sorted()
            == ["100043 GRENAY", "10010 MERICOURT", "102 GRENAY", "144 GRENAY", "360 DROCOURT", "361 ROUVROY", "362 MERICOURT"])
        #expect(summary.unmatched.allSatisfy { $0.reason.contains("names 2 communes of COG 2024") && $0.reason.contains("(62)") })
        #expect(summary.unmatched.contains { $0.cite == "Cité de la Parisienne" && $0.reason.contains("62277 (62), 78202 (78)") })
        // Upper-case names with their hyphens and apostrophes resolve: CONDE-SUR-L'ESCAUT is Condé-sur-l'Escaut.
        #expect(try sandbox.scalar("SELECT com FROM cite_reference_communes WHERE list_id = 'erbm' AND name = 'CONDE-SUR-L''ESCAUT' LIMIT 1") == "59153")
        #expect(try sandbox.lines("""
            SELECT r.ref_id, r.nom, r.nom_2, r.proprietaire, group_concat(c.com, ' ') FROM cite_references r
            JOIN cite_reference_communes c USING (list_id, position) WHERE r.list_id = 'erbm' AND r.ref_id IN ('161', '241') GROUP BY r.position ORDER BY r.ref_id
            """) == ["161 | Cité n°10 de Béthune | NULL | Maisons et Cités | 62737 62170 62019",
                     "241 | Cité St-Albert | Cité n°16 de Lens | Maisons et Cités / SIA | 62510 62528"])
        let within = try loader.load(path: path, listID: "erbm", geography: 2024, departements: ["59", "62"], command: "test")
        #expect(within.unmatched.isEmpty)
    }

    /// An inventory with identifiers for some cités (`references`), written to cover every
    /// kind of match and disagreement; lists on the fixture geography, where Sainte-Marie
    /// names two communes (62003, 59001).
    static let comparedCites = """
        id_cite;nom;communes;epci;bailleurs;unesco;logements;part_ayants_droit;revenu_median_uc;etat_bati;qualite_architecturale;references
        K1;Cité Alpha;62001|62003;200000001;Maisons & Cités:100|SIA Habitat:50;oui;150;;;;;unesco:U1|erbm:E1
        K2;Cité St-Pierre;62003;200000001;Maisons & Cités:200;non;200;;;;;
        K3;Cité Gamma;59001;200000002;SIA Habitat:100;oui;100;;;;;
        K4;Cité Delta;62001;200000002;Maisons & Cités:80;oui;80;;;;;
        K5;Cité des Fleurs;62003;200000001;Maisons & Cités:10;non;10;;;;;erbm:E9

        """
    static let comparedOperations = """
        id_operation;id_cite;programme;logements;date_engagement;date_debut;date_livraison;cout_ttc;etiquette_avant;etiquette_apres;statut
        P1;K2;ERBM;50;2019-03-01;;;;E;;engagée
        P2;K4;ERBM;40;2020-05-05;;;;E;;engagée

        """

    static func geojson(_ features: [[String: String]]) -> String {
        let items = features.map { properties in
            "{\"type\": \"Feature\", \"geometry\": null, \"properties\": {"
                + properties.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \"\($0.value)\"" }.joined(separator: ", ") + "}}"
        }
        return "{\"type\": \"FeatureCollection\", \"features\": [" + items.joined(separator: ", ") + "]}"
    }

    static func compared() throws -> (Sandbox, CiteComparison) {
        let sandbox = try Sandbox()
        try sandbox.loadFixtureGeography()
        _ = try sandbox.ingest([try sandbox.write("cites/1-cites-2024.csv", comparedCites), try sandbox.write("cites/2-operations-2024.csv", comparedOperations)])
        let unesco = try sandbox.write("unesco.geojson", geojson([
            ["id_unesco": "U1", "nom": "Cité Alpha", "commune_1": "Alpha", "commune_2": "Sainte-Marie"],
            ["id_unesco": "U2", "nom": "Cité de Saint-Pierre", "commune_1": "Sainte-Marie"],
            ["id_unesco": "U3", "nom": "Cité des Fleurs", "commune_1": "Alpha"],
        ]))
        let erbm = try sandbox.write("erbm.geojson", geojson([
            ["id_lsm": "E1", "nom": "Cité Alpha", "commune_1": "ALPHA", "proprietaire": "Maisons et Cités"],
            ["id_lsm": "E2", "nom": "Cité Gamma", "commune_1": "SAINTE-MARIE", "proprietaire": "SIA"],
            ["id_lsm": "E3", "nom": "Cité Saint-Pierre", "commune_1": "SAINTE-MARIE"],
            ["id_lsm": "E4", "nom": "Cité Saint Pierre (Ancienne)", "commune_1": "SAINTE-MARIE"],
            ["id_lsm": "E5", "nom": "Cité du Moulin", "nom_2": "Cité Delta", "commune_1": "Alpha", "proprietaire": "Maisons et Cités"],
        ]))
        let loader = CiteReferenceLoader(warehouse: sandbox.warehouse, logger: .quiet)
        _ = try loader.load(path: unesco, listID: "unesco", geography: 2024, command: "test")
        _ = try loader.load(path: erbm, listID: "erbm", geography: 2024, command: "test")
        return (sandbox, try CitesComparisonJob(warehouse: sandbox.warehouse, logger: .quiet).run())
    }

    @Test func theInventoryIsComparedWithTheListsByIdentifierOrByNameAndCommune() throws {
        let (sandbox, comparison) = try Self.compared()
        #expect(try sandbox.lines("SELECT id_cite, list_id, ref_id FROM cite_reference_ids ORDER BY 1, 2") == ["K1 | erbm | E1", "K1 | unesco | U1", "K5 | erbm | E9"])
        func row(_ list: String, _ cite: String?, ref: String? = nil) throws -> CiteComparison.Row {
            try #require(comparison.rows.first { $0.listID == list && $0.citeID == cite && (cite != nil || $0.refID == ref) })
        }
        func kinds(_ row: CiteComparison.Row) -> [CiteComparison.Kind] { row.issues.map(\.kind) }
        // K1 by identifier in both lists; "Sainte-Marie" (two communes) is read as its 62003.
        #expect(try row("unesco", "K1").match == .identifier && (try row("unesco", "K1").issues.isEmpty))
        #expect(try row("erbm", "K1").match == .identifier)
        #expect(try row("erbm", "K1").issues.map(\.message)
            == ["communes differ (only in the inventory: 62003 Sainte-Marie)", "owners differ (only in the inventory: SIA Habitat)"])
        // Cité St-Pierre is the list's Cité de Saint-Pierre; the inventory says it is not UNESCO.
        #expect(try row("unesco", "K2").match == .name && (try row("unesco", "K2").refID) == "U2")
        #expect(try row("unesco", "K2").issues.map(\.message) == ["the inventory says unesco non, but list unesco has it (U2)"])
        // Two ERBM cités of that name in its commune: no match, and its ERBM operation is flagged.
        #expect(try row("erbm", "K2").match == .none && kinds(try row("erbm", "K2")) == [.ambiguous, .erbm])
        #expect(try row("erbm", "K2").issues[1].message == "1 ERBM operation (50 dwellings), but list erbm does not have it")
        // Gamma: the ERBM's SAINTE-MARIE is its 59001; SIA is SIA Habitat.
        #expect(try row("erbm", "K3").match == .name && (try row("erbm", "K3").issues.isEmpty))
        #expect(try row("unesco", "K3").issues.map(\.message) == ["the inventory says unesco oui, but list unesco does not have it"])
        // Delta is the ERBM's Cité du Moulin by its other name (nom_2).
        #expect(try row("erbm", "K4").match == .name && (try row("erbm", "K4").refID) == "E5" && (try row("erbm", "K4").issues.isEmpty))
        #expect(kinds(try row("unesco", "K4")) == [.unesco])
        // Fleurs: the UNESCO list has a Cité des Fleurs, in Alpha only; the ERBM identifier it gives is unknown.
        #expect(try row("unesco", "K5").match == .none)
        #expect(try row("unesco", "K5").issues.map(\.message) == ["list unesco has this name in other communes: Cité des Fleurs (62001 Alpha)"])
        #expect(try row("erbm", "K5").issues.map(\.message) == ["identifier erbm:E9 is not in list erbm"])
        // Vice versa: the list's cités the inventory lacks.
        #expect(comparison.rows.filter { $0.match == .notInInventory }.map { "\($0.listID) \($0.refID ?? "")" } == ["erbm E3", "erbm E4", "unesco U3"])
        #expect(kinds(try row("erbm", nil, ref: "E3")) == [.unresolved])
        #expect(comparison.summaries.map { "\($0.listID) \($0.byIdentifier) \($0.byName) \($0.notInInventory)" } == ["erbm 1 2 2", "unesco 1 1 1"])
        #expect(comparison.notes.isEmpty)
    }

    @Test func theComparisonReadsAsTextCSVMarkdownAndJSON() throws {
        let (_, comparison) = try Self.compared()
        let grid = CitesComparisonJob.grid(comparison, issuesOnly: true)
        #expect(grid.header == ["list", "id_cite", "nom", "ref_id", "ref_nom", "match", "issue_kinds", "issues"])
        #expect(grid.rows.count == 9)
        #expect(grid.notes.last == "11 issues to check")
        let csv = grid.csv()
        #expect(csv.contains("erbm,K2,Cité St-Pierre,,,none,ambiguous erbm,"))
        let markdown = grid.markdown()
        #expect(markdown.hasPrefix("| list | id_cite | nom | ref_id | ref_nom | match | issue_kinds | issues |\n|---|---|---|---|---|---|---|---|\n"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try grid.json().utf8)) as? [String: Any])
        let rows = try #require(json["rows"] as? [[String: Any]])
        #expect(rows.count == 9 && rows.first?["list"] as? String == "erbm")
        #expect((json["notes"] as? [String])?.count == 3)
    }

    /// The demo inventory against the real UNESCO and ERBM lists, matched within Nord and Pas-de-Calais.
    @Test(.enabled(if: SharedData.isAvailable, "../shared/data is absent"))
    func theDemoInventoryComparedWithTheRealLists() throws {
        let sandbox = try Sandbox()
        _ = try sandbox.ingest(SharedData.path("cog/2024/communes.csv"))
        _ = try sandbox.ingest(packageRoot.appendingPathComponent("raw/demo/cites").path)
        let loader = CiteReferenceLoader(warehouse: sandbox.warehouse, logger: .quiet)
        for list in ["unesco", "erbm"] {
            let file = SharedData.path("bassin-minier/" + (list == "unesco" ? "cites-unesco-124.geojson" : "cites-erbm.geojson"))
            _ = try loader.load(path: file, listID: list, geography: 2024, departements: ["59", "62"], command: "test")
        }
        let comparison = try CitesComparisonJob(warehouse: sandbox.warehouse, logger: .quiet).run()
        let lines = comparison.rows.filter { $0.citeID != nil }.map { row in
            "\(row.listID) \(row.citeID!) \(row.match.rawValue) \(row.refID ?? "-") \(row.issues.map(\.kind.rawValue).joined(separator: ","))"
        }
        #expect(lines == [
            "erbm C001 identifier 776 ", "erbm C002 none - erbm", "erbm C003 name and commune 100000 ", "erbm C004 none - ",
            "erbm C005 name and commune 801 owners", "erbm C006 name and commune 10020 ", "erbm C007 none - erbm",
            "unesco C001 identifier 15D ", "unesco C002 identifier 55F ", "unesco C003 name and commune 42C ",
            "unesco C004 name and commune 94B ", "unesco C005 none - ", "unesco C006 none - ",
            "unesco C007 name and commune 56A communes",
        ])
        #expect(comparison.rows.first { $0.listID == "unesco" && $0.citeID == "C007" }?.issues.first?.message
            == "communes differ (only in the list: 62628 Noyelles-sous-Lens)")
        #expect(comparison.summaries.map { "\($0.listID) \($0.byIdentifier) \($0.byName) \($0.notInInventory)" } == ["erbm 1 3 55", "unesco 2 3 119"])
        // Within Nord and Pas-de-Calais every commune name resolves: no unresolved issue is left.
        #expect(comparison.rows.allSatisfy { !$0.issues.contains { $0.kind == .unresolved } })
    }
}
