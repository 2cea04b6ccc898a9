import Tabular

/// The cells of a packed row (`observation_rows.cells`): a JSON array whose n-th element
/// is the file's n-th column (`file_columns.slot` n) — a number for a value whose status
/// is `ok`, else the status as a JSON string (`"secret"`). Built and read here, without a
/// `String` per cell; SQLite's `json_each` unpacks the same text in the views.
public struct PackedCells {
    /// Cells that this type did not write: the warehouse was edited by hand.
    public struct CorruptCells: Error, CustomStringConvertible {
        public let reason: String
        public var description: String { "packed cells that cannot be read: \(reason)" }
    }

    public private(set) var bytes: [UInt8] = []

    public init() {
        bytes.reserveCapacity(1 << 14)
    }

    /// Starts the cells of a new row.
    public mutating func start() {
        bytes.removeAll(keepingCapacity: true)
        bytes.append(UInt8(ascii: "["))
    }

    /// A value published as a JSON number (`isJSONNumber`), kept as it is: reading it back
    /// gives the same `Double`, parsed by the same parser.
    @inline(__always)
    public mutating func append(published number: UnsafeBufferPointer<UInt8>) {
        separate()
        bytes.append(contentsOf: number)
    }

    /// A value published otherwise (`1,5`, `+3`), in its shortest round-trip form (`1.5`).
    public mutating func append(_ value: Double) {
        separate()
        bytes.append(contentsOf: value.description.utf8)
    }

    /// A cell without a value: its status.
    @inline(__always)
    public mutating func append(_ status: ValueStatus) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: status.rawValue.utf8)
        bytes.append(UInt8(ascii: "\""))
    }

    /// Ends the row's cells.
    public mutating func finish() {
        bytes.append(UInt8(ascii: "]"))
    }

    @inline(__always)
    private mutating func separate() {
        if bytes.count > 1 { bytes.append(UInt8(ascii: ",")) }
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?`: the decimals INSEE publishes with a point, without an
    /// exponent (anything else is written in Swift's own form, also valid JSON), and no
    /// longer than `DecimalParser` reads: such a text is exactly one it accepts.
    public static func isJSONNumber(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = text.count
        guard count <= DecimalParser.longestNumber else { return false }
        if index < count && text[index] == UInt8(ascii: "-") { index += 1 }
        let integerStart = index
        while index < count && text[index] >= 0x30 && text[index] <= 0x39 { index += 1 }
        let integerDigits = index - integerStart
        guard integerDigits > 0, integerDigits == 1 || text[integerStart] != 0x30 else { return false }
        guard index < count else { return true }
        guard text[index] == UInt8(ascii: ".") else { return false }
        index += 1
        let fractionStart = index
        while index < count && text[index] >= 0x30 && text[index] <= 0x39 { index += 1 }
        return index == count && index > fractionStart
    }

    /// Calls `body` with the slot, value and status of the cells of `text` whose slot is in
    /// `wanted` (`wanted[slot]`), skipping the others without parsing them.
    public static func read(_ text: UnsafeBufferPointer<UInt8>, wanted: [Bool],
                            _ body: (_ slot: Int, _ value: Double?, _ status: ValueStatus) throws -> Void) throws {
        let count = text.count
        guard count >= 2, text[0] == UInt8(ascii: "["), text[count - 1] == UInt8(ascii: "]") else {
            throw CorruptCells(reason: "not a JSON array")
        }
        var slot = 0
        var start = 1
        while start < count - 1 {
            var end = start
            while end < count - 1 && text[end] != UInt8(ascii: ",") { end += 1 }
            if slot < wanted.count && wanted[slot] {
                let cell = UnsafeBufferPointer(rebasing: text[start..<end])
                if cell.first == UInt8(ascii: "\"") {
                    guard cell.count >= 2, let status = ValueStatus(rawValue: String(decoding: cell.dropFirst().dropLast(), as: UTF8.self)) else {
                        throw CorruptCells(reason: "cell \(slot) is \(String(decoding: cell, as: UTF8.self))")
                    }
                    try body(slot, nil, status)
                } else {
                    guard let value = DecimalParser.parse(cell) else {
                        throw CorruptCells(reason: "cell \(slot) is \(String(decoding: cell, as: UTF8.self))")
                    }
                    try body(slot, value, .ok)
                }
            }
            slot += 1
            start = end + 1
        }
    }
}
