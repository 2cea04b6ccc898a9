import Foundation

/// One page of the Melodi API's answer to `…/melodi/data/DS_NAME?…&maxResult=N&page=P`:
/// `observations`, each with its `dimensions` (GEO written `2025-COM-62498`, TIME_PERIOD,
/// the dataset's own), `attributes` (CONF_STATUS, OBS_STATUS, UNIT_MULT …) and one measure
/// (`OBS_VALUE_NIVEAU: {value: 17250.0}`), and `paging` (`count` when asked with
/// `totalCount=TRUE`, `next` while pages remain, `isLast`). See docs/melodi.md.
struct MelodiPage: Decodable {
    var observations: [Observation]
    var paging: Paging?

    struct Observation: Decodable {
        var dimensions: [String: Scalar]
        var attributes: [String: Scalar]?
        /// Measure name → its value; a withheld value may come as `{}` or `null`.
        var measures: [String: Measure?]?
    }

    struct Measure: Decodable {
        var value: Scalar?
    }

    struct Paging: Decodable {
        var count: Int?
        var next: String?
        var isLast: Bool?
    }

    /// A JSON value where the API may write a code or a number (`"2021"` or `2021`,
    /// `"6"` or `6`), kept as the text the CSV file would hold.
    enum Scalar: Decodable, Equatable {
        case text(String)
        case number(Decimal)
        case bool(Bool)
        case null

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .null
            } else if let text = try? container.decode(String.self) {
                self = .text(text)
            } else if let flag = try? container.decode(Bool.self) {
                self = .bool(flag)
            } else {
                self = .number(try container.decode(Decimal.self))
            }
        }

        /// As a cell of the data file: numbers with a decimal point and no exponent
        /// (`17250.0` → `17250`, `0.281`), null as an empty cell.
        var text: String {
            switch self {
            case .text(let text): text
            case .number(let number): number.description
            case .bool(let flag): flag ? "true" : "false"
            case .null: ""
            }
        }
    }

    /// Decodes an answer of the API (a page, a range); the decoder's complaint, shortened,
    /// when the body is not one (an answer cut off, an error page sent with 200).
    static func decode<T: Decodable>(_ type: T.Type, from body: Data) -> Result<T, PageError> {
        do {
            return .success(try JSONDecoder().decode(type, from: body))
        } catch {
            return .failure(PageError(description: "not the JSON answer expected (\(body.count) bytes): \(Self.describe(error))"))
        }
    }

    struct PageError: Error, CustomStringConvertible {
        let description: String
    }

    private static func describe(_ error: any Error) -> String {
        switch error as? DecodingError {
        case .dataCorrupted(let context): "invalid JSON\(path(context)): \(context.underlyingError.map { "\($0)" } ?? context.debugDescription)"
        case .keyNotFound(let key, let context): "no \(key.stringValue)\(path(context))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context): "\(context.debugDescription)\(path(context))"
        default: "\(error)"
        }
    }

    private static func path(_ context: DecodingError.Context) -> String {
        context.codingPath.isEmpty ? "" : " at " + context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }
}
