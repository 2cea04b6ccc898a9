import Core

/// The cells of one territory's row of `indicator_rows`, built as the JSON text it is
/// written as (migration 014): an array whose n-th element is the value of slot n, `null`
/// where the territory has none; each value an array
/// `[value, method, numerator, denominator, coverage, estimate, derived, flags]`, its value
/// a number when the status is `ok`, else the status as text, trailing nulls left out.
/// `EncodedIndicator` encodes the cells; the row puts them in their slots.
struct PackedIndicatorRow {
    private(set) var bytes: [UInt8] = []
    /// The slot the next value may take: values come in slot order.
    private(set) var nextSlot = 0

    /// Appends the cell of `slot` (at least `nextSlot`): `head`, then a comma and its
    /// `method_id`, then `tail`.
    mutating func append(slot: Int, head: UnsafeBufferPointer<UInt8>, method: Int, tail: UnsafeBufferPointer<UInt8>) {
        precondition(slot >= nextSlot, "slots are written in order")
        let nulls = slot - nextSlot
        reserveRoom(1 + nulls * Self.null.count + head.count + 1 + DecimalDigits.longest + tail.count)
        bytes.append(bytes.isEmpty ? UInt8(ascii: "[") : UInt8(ascii: ","))
        for _ in 0..<nulls { bytes.append(contentsOf: Self.null) }
        nextSlot = slot + 1
        bytes.append(contentsOf: head)
        bytes.append(UInt8(ascii: ","))
        bytes.appendDecimalDigits(of: Int64(method))
        bytes.append(contentsOf: tail)
    }

    private static let null = Array("null,".utf8)

    /// Grows the row by a quarter when `count` more bytes do not fit. An array left to
    /// grow by itself doubles: all of France held 283 MB for 155 MB of cells until they
    /// were written.
    private mutating func reserveRoom(_ count: Int) {
        if bytes.capacity - bytes.count < count { bytes.reserveCapacity(bytes.count + bytes.count / 4 + count + Self.room) }
    }

    /// More than most cells take.
    private static let room = 512

    /// Closes the array; an empty row is `[]`.
    mutating func finish() {
        if bytes.isEmpty { bytes.append(UInt8(ascii: "[")) }
        bytes.append(UInt8(ascii: "]"))
    }
}
