/// What the first bytes of a file say it is, before any parsing.
public enum FileSignature: Equatable, Sendable {
    case gzip
    /// Zip archives, XLSX included (`PK\3\4`).
    case zip
    case other

    public init(path: String) throws {
        let source = try FileByteSource(path: path)
        var magic = [UInt8](repeating: 0, count: 4)
        let count = try magic.withUnsafeMutableBytes { try source.read(into: $0) }
        if count >= 2 && magic.starts(with: [0x1F, 0x8B]) {
            self = .gzip
        } else if count == 4 && magic == [0x50, 0x4B, 0x03, 0x04] {
            self = .zip
        } else {
            self = .other
        }
    }
}
