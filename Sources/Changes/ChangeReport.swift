/// What changed between two states of a warehouse: the files read, the indicators and
/// territories, the values (largest changes first) and the data-quality alerts raised.
public struct ChangeReport: Sendable {
    /// A file of a source that was added, replaced or dropped.
    public struct FileChange: Sendable, Equatable {
        public struct State: Sendable, Equatable {
            public let sha256: String
            public let rowsLoaded: Int
            public let rowsRejected: Int
        }

        public let source: String
        public let vintage: String
        public let name: String
        public let before: State?
        public let after: State?
    }

    /// A territory present in one state only, with the COG movements that concern its code.
    public struct TerritoryChange: Sendable, Equatable {
        public let geography: Int
        public let territory: String
        public let name: String
        public let movements: [String]
    }

    /// An alert of a run of the later state (see the table `alerts`).
    public struct Alert: Sendable, Equatable {
        public let run: Int64
        public let indicator: String
        public let territory: String
        public let period: String
        public let value: Double
        public let detail: String
        public let files: String?
    }

    /// `run 5 against the values it replaced`, `A.sqlite → B.sqlite` …
    public let description: String
    public var files: [FileChange] = []
    public var indicatorsAdded: [String] = []
    public var indicatorsRemoved: [String] = []
    public var territoriesAdded: [TerritoryChange] = []
    public var territoriesRemoved: [TerritoryChange] = []
    /// Every value that differs, beyond the tolerance first, then by the size of the change.
    public var values: [ValueChange] = []
    /// Those beyond their indicator's tolerance (or the one asked for).
    public var beyondTolerance = 0
    public var alerts: [Alert] = []

    public init(description: String) {
        self.description = description
    }

    /// Orders the values: status changes, additions and removals, then the largest relative
    /// (else absolute) changes.
    mutating func sortValues(beyond: (ValueChange) -> Bool) {
        func weight(_ change: ValueChange) -> (Int, Double) {
            let magnitude = abs(change.relativeChange ?? change.absoluteChange ?? .infinity)
            return (beyond(change) ? 0 : 1, -magnitude)
        }
        values.sort { weight($0) < weight($1) }
        beyondTolerance = values.filter(beyond).count
    }
}
