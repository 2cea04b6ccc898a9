import Foundation

/// A list bound as one JSON array and read with `json_each(?)`: no limit on its length,
/// unlike one bound parameter per item, and its items are data, never SQL text.
public enum SQLList {
    public static func json(_ strings: [String]) throws -> String {
        String(decoding: try JSONEncoder().encode(strings), as: UTF8.self)
    }

    public static func json<Number: BinaryInteger & Encodable>(_ numbers: [Number]) throws -> String {
        String(decoding: try JSONEncoder().encode(numbers), as: UTF8.self)
    }
}
