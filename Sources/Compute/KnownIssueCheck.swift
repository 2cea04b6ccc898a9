import Core
import GRDB
import Indicators
import Warehouse

/// Checks the known-issue register against the observations of one geography before
/// anything is computed: an issue whose source is loaded must still match at least one
/// observation, and its guard must hold. Otherwise the producer has corrected the file
/// and the register is out of date — an error, never a silent change of meaning.
struct KnownIssueCheck {
    /// What one issue concerns in this geography, for the `known_issues` table.
    struct Outcome: Sendable, Equatable {
        let issue: KnownIssue
        /// Observations concerned; nil when the issue's source is not loaded.
        let matched: Int?
    }

    let register: KnownIssueRegister

    func run(on normalised: NormalisedValues, _ db: Database) throws -> [Outcome] {
        let present = try normalised.variablesPresent
        return try register.issues.map { issue in
            let variables = try ObservationStore.variables(ofSource: issue.source, db).filter { present.contains($0.variableID) }
            guard !variables.isEmpty else { return Outcome(issue: issue, matched: nil) }
            // Only the variables the issue concerns are read, not the whole source.
            let concerned = Dictionary(uniqueKeysWithValues: variables.filter { issue.concerns(code: $0.code) }
                .map { ($0.variableID, $0.code) })
            var matched = 0
            var below: (territory: String, code: String, value: Double)?
            try normalised.forEach(Set(concerned.keys)) { index, variableID, _, value, status in
                guard status == .ok, let code = concerned[variableID] else { return }
                let territory = normalised.territories[index]
                if issue.matches(code: code, territory: territory, value: value) { matched += 1 }
                if let floor = issue.guard?.noValueBelow, let value, value < floor, below == nil {
                    below = (territory, code, value)
                }
            }
            let place = "known issue \(issue.id) (source \(issue.source))"
            if let below, let floor = issue.guard?.noValueBelow {
                throw ObservatoireError(.indicator, """
                    \(place): \(below.code) of \(below.territory) is \(IndicatorDefinition.format(below.value)), \
                    below the floor of \(IndicatorDefinition.format(floor)) the issue declares: the source looks corrected; \
                    update or remove the entry
                    """, path: register.path)
            }
            guard matched > 0 else {
                throw ObservatoireError(.indicator, """
                    \(place): no observation of \(issue.variables.joined(separator: ", ")) matches any more: \
                    the source looks corrected; update or remove the entry
                    """, path: register.path)
            }
            return Outcome(issue: issue, matched: matched)
        }
    }
}
