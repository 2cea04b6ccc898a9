import Core
import Foundation
import Yams

/// The register of known upstream errors, `pipelines/known-issues.yaml`, checked when loaded.
/// A missing file is an empty register.
public struct KnownIssueRegister: Sendable {
    public let issues: [KnownIssue]
    public let path: String

    private struct RegisterFile: Decodable {
        var issues: [KnownIssue]
    }

    public init(path: String) throws {
        self.path = path
        guard FileManager.default.fileExists(atPath: path) else {
            issues = []
            return
        }
        let file: RegisterFile
        do {
            file = try YAMLDecoder().decode(RegisterFile.self, from: try String(contentsOfFile: path, encoding: .utf8))
        } catch {
            throw ObservatoireError(.indicator, "cannot read the known-issue register: \(error)", path: path)
        }
        for (index, issue) in file.issues.enumerated() {
            try Self.validate(issue, path: path)
            if file.issues[..<index].contains(where: { $0.id == issue.id }) {
                throw ObservatoireError(.indicator, "known issue id '\(issue.id)' is declared twice", path: path)
            }
        }
        issues = file.issues
    }

    public init(issues: [KnownIssue]) {
        self.issues = issues
        path = "(memory)"
    }

    /// The issues that concern observations of `source`.
    public func issues(of source: String) -> [KnownIssue] {
        issues.filter { $0.source == source }
    }

    private static func validate(_ issue: KnownIssue, path: String) throws {
        func fail(_ message: String) -> ObservatoireError { ObservatoireError(.indicator, "known issue \(issue.id): \(message)", path: path) }
        guard issue.id.range(of: "^[a-z0-9][a-z0-9-]*$", options: .regularExpression) != nil else {
            throw fail("the id must be lower-case letters, digits and dashes")
        }
        guard !issue.variables.isEmpty else { throw fail("variables: lists the variable codes concerned") }
        guard !issue.reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw fail("reason: says what is wrong in the source")
        }
        guard (issue.action == .override) == (issue.override != nil) else {
            throw fail("action override needs override: (the value to use), and only it takes one")
        }
        if issue.action == .override, issue.territories == nil, issue.value == nil {
            throw fail("an override names the territories: or the published value: it replaces")
        }
        for code in issue.variables where code.range(of: "^[A-Za-z0-9_]*(\\{yy\\})?[A-Za-z0-9_]*$", options: .regularExpression) == nil {
            throw fail("'\(code)' is not a variable code (letters, digits, _ and at most one {yy})")
        }
    }
}
