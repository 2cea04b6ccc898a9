import Foundation
import GRDB
import Indicators
import Ingest
import TestSupport
import Testing

/// The known-issue register applied by `compute`, on a Filosofi file in INSEE's layout.
struct KnownIssuesTests {
    static let filosofi = """
        CODGEO;NBMENFISC21;NBPERSMENFISC21;MED21;TP6021
        62001;400;1000;21000;5
        62003;200;500;18000;20
        59001;100;300;23000;s
        75056;900;2000;28000;16

        """

    private func sandbox() throws -> Sandbox {
        let sandbox = try Sandbox()
        try sandbox.loadFixtureGeography()
        let path = try sandbox.write("cc_filosofi_2021_COM.csv", Self.filosofi)
        #expect(try sandbox.ingest(path, IngestOptions(geographyOfInput: 2024)).status == .loaded)
        try sandbox.normalise(2024)
        return sandbox
    }

    private func issue(_ action: KnownIssue.Action, value: Double? = nil, territories: [String]? = nil, override: Double? = nil,
                       floor: Double? = nil) -> KnownIssueRegister {
        KnownIssueRegister(issues: [KnownIssue(
            id: "test-issue", source: "filosofi-commune-2021", variables: ["TP60{yy}"], territories: territories, value: value,
            action: action, override: override, reason: "test", notice: nil, guard: floor.map { KnownIssue.Guard(noValueBelow: $0) })])
    }

    private func value(_ sandbox: Sandbox, _ territory: String) throws -> Row {
        try #require(try sandbox.rows("""
            SELECT * FROM v_indicator_values WHERE indicator_id = 'taux_pauvrete' AND territory = ?
            """, [territory]).first)
    }

    @Test func aFlaggedValueIsKeptAndMarkedUpToTheAggregates() throws {
        let sandbox = try sandbox()
        try sandbox.compute(knownIssues: issue(.flag, value: 5, floor: 5))
        let alpha = try value(sandbox, "COM:62001")
        #expect(alpha["value"] == 5.0)
        #expect(alpha["flags"] == "known issue test-issue")
        #expect(try value(sandbox, "COM:62003")["flags"] == nil as String?)
        #expect(try value(sandbox, "DEP:62")["flags"] == "known issue test-issue on 1 commune")
        let recorded = try #require(try sandbox.rows("SELECT * FROM known_issues").first)
        #expect(recorded["matched"] == 1)
        #expect(recorded["action"] == "flag")
    }

    @Test func aDroppedValueBecomesMissing() throws {
        let sandbox = try sandbox()
        try sandbox.compute(knownIssues: issue(.drop, territories: ["62003"]))
        let sainteMarie = try value(sandbox, "COM:62003")
        #expect(sainteMarie["status"] == "missing")
        #expect(sainteMarie["value"] == nil as Double?)
        #expect(sainteMarie["flags"] == "known issue test-issue")
    }

    @Test func anOverrideReplacesThePublishedValue() throws {
        let sandbox = try sandbox()
        try sandbox.compute(knownIssues: issue(.override, value: 16, territories: ["COM:75056"], override: 15.5))
        let paris = try value(sandbox, "COM:75056")
        #expect(paris["value"] == 15.5)
        #expect(paris["flags"] == "known issue test-issue")
    }

    @Test func anIssueTheSourceNoLongerHasFailsAndLeavesTheWarehouseAsItWas() throws {
        let sandbox = try sandbox()
        try sandbox.compute(knownIssues: KnownIssueRegister(issues: []))
        let before = try sandbox.dump()
        // The published value is no longer the erroneous one: the producer corrected it.
        #expect { try sandbox.compute(knownIssues: issue(.override, value: 17, territories: ["75056"], override: 15.5)) } throws: { error in
            "\(error)".contains("known issue test-issue (source filosofi-commune-2021): no observation of TP60{yy} matches any more")
        }
        // A floor that the file no longer respects.
        #expect { try sandbox.compute(knownIssues: issue(.flag, value: 5, floor: 6)) } throws: { error in
            "\(error)".contains("TP6021 of COM:62001 is 5, below the floor of 6 the issue declares: the source looks corrected")
        }
        #expect(try sandbox.dump() == before)
        #expect(try sandbox.scalar("SELECT count(*) FROM runs WHERE status = 'failed'") == 2)
    }

    @Test func anIssueOfASourceNotLoadedIsRecordedAsSuch() throws {
        let sandbox = try sandbox()
        let register = KnownIssueRegister(issues: [KnownIssue(
            id: "other", source: "filosofi-iris-2021", variables: ["DEC_MED21"], territories: nil, value: nil,
            action: .flag, override: nil, reason: "test", notice: nil, guard: nil)])
        let summary = try sandbox.compute(knownIssues: register)
        #expect(summary.knownIssues.count == 1 && summary.knownIssues[0].matched == nil)
        #expect(try sandbox.scalar("SELECT count(*) FROM known_issues WHERE issue_id = 'other' AND matched IS NULL") == 1)
    }
}
