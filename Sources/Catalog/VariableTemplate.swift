/// How the codes of one observation of a long file make a variable code of ours:
/// `{FILOSOFI_MEASURE}{yy}` with `MED` and period 2021 gives `MED21`, so that the indicators
/// written for INSEE's wide files read long files unchanged.
///
/// Placeholders: a dimension column in braces (its code, after the source's `codes:`),
/// `{yy}` (the two last digits of a year period) and `{period}` (the period as published).
public struct VariableTemplate: Sendable, Equatable {
    public enum Part: Sendable, Equatable {
        case text(String)
        /// The code of the n-th declared dimension.
        case dimension(Int)
        case twoDigitYear
        case period
    }

    public let parts: [Part]

    /// Parses `text` against the declared dimensions; the error says what is wrong with it.
    public init(_ text: String, dimensions: [String]) throws(TemplateError) {
        var parts: [Part] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            if open > rest.startIndex { parts.append(.text(String(rest[..<open]))) }
            guard let close = rest[open...].firstIndex(of: "}") else {
                throw TemplateError("'\(text)' opens a brace that it does not close")
            }
            let name = String(rest[rest.index(after: open)..<close])
            switch name {
            case "yy": parts.append(.twoDigitYear)
            case "period": parts.append(.period)
            default:
                guard let index = dimensions.firstIndex(where: { $0.uppercased() == name.uppercased() }) else {
                    throw TemplateError("'\(text)' names {\(name)}, which is neither {yy}, {period} nor a dimension declared under melodi.dimensions (\(dimensions.joined(separator: ", ")))")
                }
                parts.append(.dimension(index))
            }
            rest = rest[rest.index(after: close)...]
        }
        if rest.contains("}") { throw TemplateError("'\(text)' closes a brace that it does not open") }
        if !rest.isEmpty { parts.append(.text(String(rest))) }
        guard !parts.isEmpty else { throw TemplateError("the variable template is empty") }
        self.parts = parts
        self.usesTwoDigitYear = parts.contains(.twoDigitYear)
    }

    /// Whether the period must be a year (`{yy}` is taken from it).
    public let usesTwoDigitYear: Bool

    /// The variable code for these dimension codes (in the order declared) and period;
    /// nil when `{yy}` is asked of a period that is not a four-digit year.
    public func render(codes: [String], period: String) -> String? {
        var result = ""
        for part in parts {
            switch part {
            case .text(let text): result += text
            case .dimension(let index): result += codes[index]
            case .period: result += period
            case .twoDigitYear:
                guard period.utf8.count == 4, period.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
                result += period.suffix(2)
            }
        }
        return result
    }

    /// Why a template cannot be used.
    public struct TemplateError: Error, Sendable, Equatable, CustomStringConvertible {
        public let message: String
        init(_ message: String) { self.message = message }
        public var description: String { message }
    }
}
