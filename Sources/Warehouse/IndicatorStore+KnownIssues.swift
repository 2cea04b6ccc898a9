import GRDB

/// The known-issue register as one compute applied it to a geography (`known_issues`),
/// so that portraits and analysts see which published values were corrected and why.
extension IndicatorStore {
    /// One issue of the register and what it concerned in the geography.
    public struct AppliedKnownIssue: Sendable, Equatable {
        public let issueID: String
        public let sourceID: String
        /// The variables concerned, comma-separated.
        public let variables: String
        public let action: String
        public let reason: String
        public let notice: String?
        /// Observations concerned; nil when the issue's source is not loaded.
        public let matched: Int?

        public init(issueID: String, sourceID: String, variables: String, action: String, reason: String, notice: String?, matched: Int?) {
            self.issueID = issueID
            self.sourceID = sourceID
            self.variables = variables
            self.action = action
            self.reason = reason
            self.notice = notice
            self.matched = matched
        }
    }

    /// Replaces what the previous compute of the geography recorded.
    public static func replaceKnownIssues(with issues: [AppliedKnownIssue], geography: Int, runID: Int64, _ db: Database) throws {
        try db.execute(sql: "DELETE FROM known_issues WHERE geography = ?", arguments: [geography])
        for issue in issues {
            try db.execute(sql: """
                INSERT INTO known_issues (geography, issue_id, source_id, variables, action, reason, notice, matched, run_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [geography, issue.issueID, issue.sourceID, issue.variables, issue.action,
                                 issue.reason, issue.notice, issue.matched, runID])
        }
    }
}
