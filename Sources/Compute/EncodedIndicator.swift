import Core

/// The values of one indicator, checked and encoded as the cells of `indicator_rows` they
/// become (see `PackedIndicatorRow`), all but the number of their method, which only the
/// writer can give. Built on the calculating thread: the writing thread then only copies
/// bytes, where encoding there took a third of `compute` on all of France.
struct EncodedIndicator: Sendable {
    /// One value: its place among the territories and periods, and its cell's bytes.
    struct Cell: Sendable {
        /// Index in the run's `TerritoryIndex`.
        let territory: Int32
        /// Index in `periods`.
        let period: Int32
        /// Index in `methods`.
        let method: Int32
        /// `[value` in `bytes`: the method's number comes after it, then `tail`.
        let head: Range<Int>
        let end: Int
        /// `,numerator,…]` in `bytes`, or only `]`.
        var tail: Range<Int> { head.upperBound..<end }
    }

    let indicator: String
    /// Its periods in order, the order they take slots in.
    let periods: [String]
    /// Its methods in the order first met.
    private(set) var methods: [String] = []
    /// In the order of the values given: territory by territory within each period.
    private(set) var cells: [Cell] = []
    private(set) var bytes: [UInt8] = []
    /// Values not shown as figures (`ok` and `partial` ones are).
    private(set) var withheld = 0

    /// Refuses what the table of migrations 003 to 013 refused through its constraints,
    /// and a territory the run does not know.
    init(_ values: [IndicatorValue], of indicator: String, territories: TerritoryIndex) throws(UnwritableValue) {
        self.indicator = indicator
        periods = Set(values.map(\.period)).sorted()
        let periodIndex = Dictionary(uniqueKeysWithValues: periods.enumerated().map { ($1, Int32($0)) })
        var methodIndex: [String: Int32] = [:]
        cells.reserveCapacity(values.count)
        for value in values {
            try check(value)
            guard let territory = territories.index(of: value.territory) else {
                throw unwritable(value, "not among the \(territories.count) territories of the run")
            }
            let method: Int32
            if let known = methodIndex[value.method] {
                method = known
            } else {
                method = Int32(methods.count)
                methodIndex[value.method] = method
                methods.append(value.method)
            }
            if value.value == nil && value.status != IndicatorValue.Publication.partial { withheld += 1 }
            let start = bytes.count
            bytes.append(UInt8(ascii: "["))
            if let number = value.value { append(number) } else { append(text: value.status) }
            let split = bytes.count
            appendTail(of: value)
            cells.append(Cell(territory: territory, period: periodIndex[value.period]!, method: method,
                              head: start..<split, end: bytes.count))
        }
    }

    /// What follows the method: `[value, method, numerator, denominator, coverage,
    /// estimate, derived, flags, kept, estimated share]`, trailing nulls left out.
    private mutating func appendTail(of value: IndicatorValue) {
        let last = value.estimatedShare != nil ? 9 : value.kept != nil ? 8 : value.flags != nil ? 7 : value.derived != nil ? 6
            : value.estimate ? 5 : value.coverage != nil ? 4 : value.denominator != nil ? 3 : value.numerator != nil ? 2 : 1
        if last >= 2 { append(field: value.numerator) }
        if last >= 3 { append(field: value.denominator) }
        if last >= 4 { append(field: value.coverage) }
        if last >= 5 { bytes.append(contentsOf: (value.estimate ? ",1" : ",0").utf8) }
        if last >= 6 { append(field: value.derived) }
        if let flags = value.flags {
            bytes.append(UInt8(ascii: ","))
            append(text: flags)
        } else if last >= 8 {
            bytes.append(contentsOf: ",null".utf8)
        }
        if last >= 8 { append(field: value.kept) }
        if last >= 9 { append(field: value.estimatedShare) }
        bytes.append(UInt8(ascii: "]"))
    }

    /// A field after the first: a number or `null`.
    private mutating func append(field number: Double?) {
        bytes.append(UInt8(ascii: ","))
        if let number { append(number) } else { bytes.append(contentsOf: "null".utf8) }
    }

    /// A finite number in Swift's shortest form that reads back as the same `Double`
    /// (`12.5`, `1000.0`, `1e-05`): valid JSON.
    private mutating func append(_ number: Double) {
        bytes.append(contentsOf: number.description.utf8)
    }

    /// A JSON string: quotes, backslashes and control characters escaped.
    private mutating func append(text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                bytes.append(UInt8(ascii: "\\"))
                bytes.append(byte)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: "\\u00".utf8)
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0x0F)])
            default:
                bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private func check(_ value: IndicatorValue) throws(UnwritableValue) {
        let keeps = IndicatorValue.Publication.all.contains(value.status)
        guard keeps || ValueStatus(rawValue: value.status) != nil else { throw unwritable(value, "unknown status '\(value.status)'") }
        guard (value.status == "ok") == (value.value != nil) else {
            throw unwritable(value, value.status == "ok" ? "an ok value without a number" : "a \(value.status) value with a number")
        }
        guard keeps == (value.kept != nil) else {
            throw unwritable(value, keeps ? "a \(value.status) value without the number it keeps" : "a \(value.status) value keeping a number")
        }
        func requireFinite(_ name: String, _ number: Double?) throws(UnwritableValue) {
            if let number, !number.isFinite { throw unwritable(value, "\(name) is \(number)") }
        }
        try requireFinite("value", value.value)
        try requireFinite("numerator", value.numerator)
        try requireFinite("denominator", value.denominator)
        try requireFinite("coverage", value.coverage)
        try requireFinite("derived", value.derived)
        try requireFinite("kept value", value.kept)
        if let share = value.estimatedShare, !(0...1).contains(share) {
            throw unwritable(value, "estimated share \(share) is not between 0 and 1")
        }
        if let coverage = value.coverage, !(0...1).contains(coverage) {
            throw unwritable(value, "coverage \(coverage) is not between 0 and 1")
        }
    }

    private func unwritable(_ value: IndicatorValue, _ reason: String) -> UnwritableValue {
        UnwritableValue(indicator: indicator, territory: value.territory, period: value.period, reason: reason)
    }
}
