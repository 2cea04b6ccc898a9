/// A variable code in which every placeholder (`{yy}`, `{start}`, `{lower}` …) stands for
/// digits and points: `P21_POP` fits `P{yy}_POP`, `DPE_CONSO_70` fits `DPE_CONSO_{lower}`.
/// Matched on the bytes, without allocating: compute tries every variable of a warehouse
/// against every term of the catalogue.
public struct VariablePattern: Sendable {
    private let bytes: [UInt8]

    public init(_ term: String) {
        bytes = Array(term.utf8)
    }

    public func matches(_ code: String) -> Bool {
        var code = code
        return code.withUTF8 { code in bytes.withUnsafeBufferPointer { Self.fits(code[...], $0[...]) } }
    }

    private static func fits(_ code: Slice<UnsafeBufferPointer<UInt8>>, _ pattern: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        var code = code, pattern = pattern
        while let first = pattern.first, first != UInt8(ascii: "{") {
            guard code.first == first else { return false }
            code = code.dropFirst()
            pattern = pattern.dropFirst()
        }
        guard !pattern.isEmpty else { return code.isEmpty }
        guard let close = pattern.firstIndex(of: UInt8(ascii: "}")) else { return false }
        let rest = pattern[(close + 1)...]
        var end = code.startIndex
        while end < code.endIndex, code[end] == UInt8(ascii: ".") || (code[end] >= 0x30 && code[end] <= 0x39) {
            end += 1
            if fits(code[end...], rest) { return true }
        }
        return false
    }
}
