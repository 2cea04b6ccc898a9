/// Why a record could not be parsed as published. The reader still hands the record
/// over, so that the caller can reject it with its line, column and value.
public enum CSVDefect: Sendable, Equatable {
    /// A quote where CSV does not allow one (`"abc"def`, `ab"c` in strict mode).
    case malformedQuote(column: Int, partialValue: String)
    /// Bytes that are not UTF-8 in a file read as UTF-8 (mixed encodings).
    case invalidUTF8(byteOffset: Int)
    /// A NUL byte: binary content inside a text file.
    case nulByte

    public var reason: String {
        switch self {
        case .malformedQuote: "malformed quoted field (a quote inside a field or text after a closing quote)"
        case .invalidUTF8(let offset): "invalid UTF-8 at byte \(offset) of the line although the file was detected as UTF-8 (mixed encodings?)"
        case .nulByte: "NUL byte in the line (binary content)"
        }
    }
}

/// One parsed record: a view over the reader's buffers, valid only inside the closure
/// that receives it, so that no `String` is made for fields nobody reads.
public struct CSVRecord {
    /// Physical line (1-based) where the record starts.
    public let line: Int
    public let defect: CSVDefect?
    /// The fields' bytes end to end, and where each field ends in them.
    let bytes: UnsafeBufferPointer<UInt8>
    let ends: UnsafeBufferPointer<Int>

    init(line: Int, defect: CSVDefect?, bytes: UnsafeBufferPointer<UInt8>, ends: UnsafeBufferPointer<Int>) {
        self.line = line
        self.defect = defect
        self.bytes = bytes
        self.ends = ends
    }

    public var count: Int { ends.count }

    /// The raw UTF-8 bytes of field `index` (0-based).
    @inline(__always)
    public func bytes(at index: Int) -> UnsafeBufferPointer<UInt8> {
        let start = index == 0 ? 0 : ends[index - 1]
        return UnsafeBufferPointer(rebasing: bytes[start..<ends[index]])
    }

    /// Field `index` as a `String`; the reader guarantees valid UTF-8 unless `defect` says otherwise.
    public func string(at index: Int) -> String {
        String(decoding: bytes(at: index), as: UTF8.self)
    }

    /// All fields as strings, for error messages and small tables.
    public var strings: [String] { (0..<count).map(string(at:)) }
}
