import Foundation

/// An error in a published source that we know of, as declared in
/// `pipelines/known-issues.yaml`: which observations it concerns, what `compute` does
/// with them, why, and a guard that fails loudly once the producer has corrected it.
public struct KnownIssue: Sendable, Decodable, Equatable {
    public enum Action: String, Sendable, Decodable, CaseIterable {
        /// Keep the value and mark every indicator value computed from it.
        case flag
        /// Treat the value as `missing`.
        case drop
        /// Replace the value by `override`.
        case override
    }

    /// Checks that the defect is still in the loaded data.
    public struct Guard: Sendable, Decodable, Equatable {
        /// The defect is a floor: no value of the variables may be below it.
        public var noValueBelow: Double?

        public init(noValueBelow: Double?) {
            self.noValueBelow = noValueBelow
        }

        enum CodingKeys: String, CodingKey {
            case noValueBelow = "no_value_below"
        }
    }

    public var id: String
    /// The source whose observations are concerned.
    public var source: String
    /// Variable codes; `{yy}` stands for any two-digit year.
    public var variables: [String]
    /// Commune or other territory codes (`62498` or `COM:62498`); every territory when absent.
    public var territories: [String]?
    /// Only the observations published with this value.
    public var value: Double?
    public var action: Action
    /// `override`: the value to use instead of the published one.
    public var override: Double?
    public var reason: String
    /// The producer's notice, when there is one.
    public var notice: String?
    /// Beyond "the issue still matches at least one observation", which always holds.
    public var `guard`: Guard?

    public init(id: String, source: String, variables: [String], territories: [String]?, value: Double?, action: Action,
                override: Double?, reason: String, notice: String?, guard: Guard?) {
        self.id = id
        self.source = source
        self.variables = variables
        self.territories = territories
        self.value = value
        self.action = action
        self.override = override
        self.reason = reason
        self.notice = notice
        self.guard = `guard`
    }

    /// Whether an observation of `code` for `territory` (`COM:62498`) with this value is concerned.
    public func matches(code: String, territory: String, value observed: Double?) -> Bool {
        guard variables.contains(where: { Self.code(code, fits: $0) }) else { return false }
        if let territories {
            let bare = territory.split(separator: ":").last.map(String.init) ?? territory
            guard territories.contains(where: { $0 == territory || $0 == bare }) else { return false }
        }
        if let value {
            guard let observed, abs(observed - value) < 1e-9 else { return false }
        }
        return true
    }

    /// Whether a variable code is concerned by this issue at all.
    public func concerns(code: String) -> Bool {
        variables.contains { Self.code(code, fits: $0) }
    }

    /// `TP6021` fits `TP60{yy}`.
    static func code(_ code: String, fits pattern: String) -> Bool {
        guard pattern.contains("{yy}") else { return code == pattern }
        let parts = pattern.components(separatedBy: "{yy}")
        guard code.count == pattern.count - 2, code.hasPrefix(parts[0]), code.hasSuffix(parts[1]) else { return false }
        let year = code.dropFirst(parts[0].count).prefix(2)
        return year.allSatisfy(\.isNumber)
    }
}
