import Core

/// The cells of a packed row (`observation_rows.cells`): a JSON array whose n-th element
/// is the file's n-th column (`file_columns.slot` n) — a number for a value whose status
/// is `ok`, else the status as a JSON string (`"secret"`). Built and read here, without a
/// `String` per cell; SQLite's `json_each` unpacks the same text in the views.
///
/// A row with few of its file's columns (a commune's counts of energy diagnostics: a few
/// hundred of thousands of possible codes) is a JSON object instead, keyed by slot and
/// holding only the cells that are there: `{"0":12,"7":3}`.
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

    /// Starts the cells of a new row that names its slots (a JSON object).
    public mutating func startNamed() {
        bytes.removeAll(keepingCapacity: true)
        bytes.append(UInt8(ascii: "{"))
    }

    /// The value of slot `slot` in a row that names its slots; a whole number is written
    /// without a fraction (`12`, not `12.0`). The member is composed backwards in a small
    /// buffer and appended at once: a DPE file's counts are millions of members.
    public mutating func append(_ value: Double, at slot: Int) {
        let whole = value == value.rounded() && abs(value) < 1e15
        let first = bytes.count <= 1
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 3 * DecimalDigits.longest) { buffer in
            var start = buffer.count
            if whole { start = DecimalDigits.write(Int64(value), before: start, in: buffer) }
            buffer[start - 1] = UInt8(ascii: ":")
            buffer[start - 2] = UInt8(ascii: "\"")
            start -= 2
            start = DecimalDigits.write(Int64(slot), before: start, in: buffer)
            start -= 1
            buffer[start] = UInt8(ascii: "\"")
            if !first {
                start -= 1
                buffer[start] = UInt8(ascii: ",")
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start...]))
        }
        if !whole { bytes.append(contentsOf: value.description.utf8) }
    }

    /// Ends the cells of a row that names its slots.
    public mutating func finishNamed() {
        bytes.append(UInt8(ascii: "}"))
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

    /// The slots a reader wants from every row of a file, kept as the first wanted slot from
    /// each slot on: built once per file, it lets `read` skip the cells between two wanted
    /// ones in an array row without looking at each.
    public struct Selection {
        /// For each slot, the first wanted slot at or after it; `slotCount` for none.
        private let firstWanted: [Int]

        public init(wanted: [Bool]) {
            var firstWanted = Array(repeating: wanted.count, count: wanted.count + 1)
            for slot in wanted.indices.reversed() { firstWanted[slot] = wanted[slot] ? slot : firstWanted[slot + 1] }
            self.firstWanted = firstWanted
        }

        /// Slots the selection knows of: none from here on is wanted.
        var slotCount: Int { firstWanted.count - 1 }

        func wants(_ slot: Int) -> Bool { slot < slotCount && firstWanted[slot] == slot }

        /// The first wanted slot at or after `slot`; `slotCount` for none.
        func nextWanted(from slot: Int) -> Int { firstWanted[min(slot, slotCount)] }
    }

    /// Calls `body` with the slot, value and status of the cells of `text` whose slot the
    /// selection wants, skipping the others without parsing them.
    /// Works on both forms: an array (slots in order) and an object (slots named).
    public static func read(_ text: UnsafeBufferPointer<UInt8>, selection: Selection,
                            _ body: (_ slot: Int, _ value: Double?, _ status: ValueStatus) throws -> Void) throws {
        let count = text.count
        let named = count >= 2 && text[0] == UInt8(ascii: "{") && text[count - 1] == UInt8(ascii: "}")
        guard named || count >= 2 && text[0] == UInt8(ascii: "[") && text[count - 1] == UInt8(ascii: "]") else {
            throw CorruptCells(reason: "neither a JSON array nor a JSON object")
        }
        var position = 0
        var start = 1
        while start < count - 1 {
            if !named {
                let next = selection.nextWanted(from: position)
                if next == selection.slotCount { return }
                if next > position {
                    start = skip(next - position, cellsOf: text, from: start)
                    position = next
                    continue
                }
            }
            var end = start
            while end < count - 1 && text[end] != UInt8(ascii: ",") { end += 1 }
            var cell = UnsafeBufferPointer(rebasing: text[start..<end])
            let slot = named ? try Self.slot(naming: &cell) : position
            if selection.wants(slot) {
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
            position += 1
            start = end + 1
        }
    }

    /// Where the cell `cells` after the one at `start` begins: just past as many commas
    /// (no cell holds one), counted eight bytes at a time; past the last cell when the row
    /// has fewer.
    private static func skip(_ cells: Int, cellsOf text: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var commas = cells
        var index = start
        let end = text.count - 1
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let allCommas = 0x0101_0101_0101_0101 &* UInt64(UInt8(ascii: ","))
        while index + 8 <= end {
            let word = UnsafeRawPointer(text.baseAddress! + index).loadUnaligned(as: UInt64.self) ^ allCommas
            // 0x80 in each byte of `word` that is zero, a comma before `^`, and 0 in the others.
            let inWord = (~(((word & low7) &+ low7) | word | low7)).nonzeroBitCount
            if inWord >= commas { break }
            commas -= inWord
            index += 8
        }
        while index < end {
            if text[index] == UInt8(ascii: ",") {
                commas -= 1
                if commas == 0 { return index + 1 }
            }
            index += 1
        }
        return end
    }

    /// `"12":3` → 12, leaving `cell` on the value (`3`).
    private static func slot(naming cell: inout UnsafeBufferPointer<UInt8>) throws -> Int {
        var index = 1
        var slot = 0
        while index < cell.count, cell[index] >= 0x30 && cell[index] <= 0x39, slot < Int.max / 10 {
            slot = slot * 10 + Int(cell[index] - 0x30)
            index += 1
        }
        guard cell.first == UInt8(ascii: "\""), index > 1, index + 1 < cell.count,
              cell[index] == UInt8(ascii: "\""), cell[index + 1] == UInt8(ascii: ":") else {
            throw CorruptCells(reason: "member \(String(decoding: cell, as: UTF8.self)) is not named by a slot")
        }
        cell = UnsafeBufferPointer(rebasing: cell[(index + 2)...])
        return slot
    }
}
