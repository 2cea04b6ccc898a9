/// The cells of one territory's row of `indicator_rows`, built as the JSON text it is
/// written as (migration 014): an array whose n-th element is the value of slot n, `null`
/// where the territory has none; each value an array
/// `[value, method, numerator, denominator, coverage, estimate, derived, flags]`, its value
/// a number when the status is `ok`, else the status as text, trailing nulls left out.
struct PackedIndicatorRow {
    private(set) var bytes: [UInt8] = []
    /// The slot the next value may take: values come in slot order.
    private(set) var nextSlot = 0

    /// Appends the value of `slot` (at least `nextSlot`), `method` being its `method_id`.
    mutating func append(_ value: IndicatorValue, slot: Int, method: Int) {
        precondition(slot >= nextSlot, "slots are written in order")
        reserveRoom()
        bytes.append(bytes.isEmpty ? UInt8(ascii: "[") : UInt8(ascii: ","))
        for _ in nextSlot..<slot { bytes.append(contentsOf: "null,".utf8) }
        nextSlot = slot + 1
        bytes.append(UInt8(ascii: "["))
        if let number = value.value { append(number) } else { append(text: value.status) }
        bytes.append(UInt8(ascii: ","))
        bytes.append(contentsOf: String(method).utf8)
        let last = value.flags != nil ? 7 : value.derived != nil ? 6 : value.estimate ? 5
            : value.coverage != nil ? 4 : value.denominator != nil ? 3 : value.numerator != nil ? 2 : 1
        if last >= 2 { append(field: value.numerator) }
        if last >= 3 { append(field: value.denominator) }
        if last >= 4 { append(field: value.coverage) }
        if last >= 5 { bytes.append(contentsOf: (value.estimate ? ",1" : ",0").utf8) }
        if last >= 6 { append(field: value.derived) }
        if let flags = value.flags {
            bytes.append(UInt8(ascii: ","))
            append(text: flags)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// Grows the row by a quarter before it is full. An array left to grow by itself
    /// doubles: all of France held 283 MB for 155 MB of cells until they were written.
    private mutating func reserveRoom() {
        if bytes.capacity - bytes.count < Self.room { bytes.reserveCapacity(bytes.count + bytes.count / 4 + Self.room) }
    }

    /// More than a value takes but for long flags.
    private static let room = 512

    /// Closes the array; an empty row is `[]`.
    mutating func finish() {
        if bytes.isEmpty { bytes.append(UInt8(ascii: "[")) }
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
}
