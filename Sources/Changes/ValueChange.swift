/// One indicator value that differs between two states of a warehouse.
public struct ValueChange: Sendable, Equatable {
    /// A value as one state has it: its figure (only when shown as a fact), its status,
    /// and the figure kept under a status that does not publish it.
    public struct Figure: Sendable, Equatable {
        public var value: Double?
        public var status: String
        public var unpublished: Double?

        public init(value: Double?, status: String, unpublished: Double?) {
            self.value = value
            self.status = status
            self.unpublished = unpublished
        }

        /// The number compared: the figure, else the one kept.
        var number: Double? { value ?? unpublished }
    }

    public enum Kind: String, Sendable {
        case added, removed, changed
        /// The status changed (secret → published, estimated → insufficient coverage …).
        case status
    }

    public let geography: Int
    public let indicator: String
    public let territory: String
    public let period: String
    public let before: Figure?
    public let after: Figure?

    public init(geography: Int, indicator: String, territory: String, period: String, before: Figure?, after: Figure?) {
        self.geography = geography
        self.indicator = indicator
        self.territory = territory
        self.period = period
        self.before = before
        self.after = after
    }

    public var kind: Kind {
        guard let before else { return .added }
        guard let after else { return .removed }
        return before.status == after.status ? .changed : .status
    }

    /// after − before, where both have a number.
    public var absoluteChange: Double? {
        guard let old = before?.number, let new = after?.number else { return nil }
        return new - old
    }

    /// (after − before) / |before|, where both have a number and before is not 0.
    public var relativeChange: Double? {
        guard let old = before?.number, old != 0, let change = absoluteChange else { return nil }
        return change / abs(old)
    }

    /// Whether the change matters: anything but a figure moved by no more than the
    /// tolerance (relative; an absolute one where given).
    public func isBeyond(relative tolerance: Double, absolute: Double? = nil) -> Bool {
        guard kind == .changed else { return true }
        if let absolute, let change = absoluteChange { return abs(change) > absolute }
        guard let relative = relativeChange else { return absoluteChange.map { $0 != 0 } ?? (before != after) }
        return abs(relative) > tolerance
    }
}
