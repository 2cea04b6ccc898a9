import Core
import Foundation
import Indicators
import Testing

struct KnownIssueRegisterTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    private func register(_ text: String) throws -> KnownIssueRegister {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("known-issues-\(UUID().uuidString).yaml")
        try text.write(to: path, atomically: true, encoding: .utf8)
        return try KnownIssueRegister(path: path.path)
    }

    @Test func theProjectRegisterLoads() throws {
        let register = try KnownIssueRegister(path: Self.root.appendingPathComponent("pipelines/known-issues.yaml").path)
        let floor = try #require(register.issues.first { $0.id == "filosofi-taux-pauvrete-plancher-5" })
        #expect(floor.action == .flag)
        #expect(floor.guard?.noValueBelow == 5)
        #expect(register.issues(of: "filosofi-commune-2021").count >= 1)
    }

    @Test func aMissingRegisterIsEmpty() throws {
        #expect(try KnownIssueRegister(path: "/nonexistent/known-issues.yaml").issues.isEmpty)
    }

    @Test func matchingFollowsCodesTerritoriesAndValues() throws {
        let register = try register("""
            issues:
              - id: one
                source: s
                variables: ["TP60{yy}"]
                territories: ["62498"]
                value: 32
                action: override
                override: 31.5
                reason: erratum
            """)
        let issue = register.issues[0]
        #expect(issue.matches(code: "TP6021", territory: "COM:62498", value: 32))
        #expect(issue.matches(code: "TP6019", territory: "62498", value: 32))
        #expect(!issue.matches(code: "TP60AGE121", territory: "COM:62498", value: 32))
        #expect(!issue.matches(code: "TP6021", territory: "COM:62510", value: 32))
        #expect(!issue.matches(code: "TP6021", territory: "COM:62498", value: 31.9))
        #expect(!issue.matches(code: "TP6021", territory: "COM:62498", value: nil))
        #expect(issue.concerns(code: "TP6021") && !issue.concerns(code: "TP60"))
    }

    @Test(arguments: [
        ("id: Bad Id\n    source: s\n    variables: [A]\n    action: flag\n    reason: r", "lower-case letters, digits and dashes"),
        ("id: a\n    source: s\n    variables: []\n    action: flag\n    reason: r", "variables: lists"),
        ("id: a\n    source: s\n    variables: [A]\n    action: override\n    territories: ['62498']\n    reason: r", "needs override:"),
        ("id: a\n    source: s\n    variables: [A]\n    action: flag\n    override: 3\n    reason: r", "needs override:"),
        ("id: a\n    source: s\n    variables: [A]\n    action: override\n    override: 3\n    reason: r", "names the territories: or the published value:"),
        ("id: a\n    source: s\n    variables: ['A B']\n    action: flag\n    reason: r", "is not a variable code"),
        ("id: a\n    source: s\n    variables: [A]\n    action: flag\n    reason: ' '", "reason: says"),
        ("id: a\n    source: s\n    variables: [A]\n    action: erase\n    reason: r", "cannot read the known-issue register"),
    ])
    func invalidEntriesAreRefusedWithTheirReason(entry: String, reason: String) throws {
        do {
            _ = try register("issues:\n  - \(entry)\n  - id: a2\n    source: s\n    variables: [B]\n    action: flag\n    reason: r\n")
            Issue.record("accepted an invalid entry")
        } catch let error as ObservatoireError {
            #expect(error.message.contains(reason), "\(error)")
        }
    }

    @Test func anIdDeclaredTwiceIsRefused() throws {
        #expect(throws: ObservatoireError.self) {
            try register("issues:\n  - { id: a, source: s, variables: [A], action: flag, reason: r }\n  - { id: a, source: s, variables: [B], action: flag, reason: r }\n")
        }
    }
}
