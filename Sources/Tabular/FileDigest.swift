import CCrypto
import Core

/// SHA-256 of a file, computed with OpenSSL while streaming: it identifies a load, so a
/// file already loaded is recognised whatever its name.
public enum FileDigest {
    public struct Result: Sendable, Equatable {
        public var sha256: String
        public var size: Int
    }

    public static func sha256(path: String) throws -> Result {
        try sha256(path: path, while: { true })
    }

    /// Stops with `Cancelled` as soon as `going` says so, between two chunks.
    static func sha256(path: String, while going: () -> Bool) throws -> Result {
        let source = try FileByteSource(path: path)
        guard let context = EVP_MD_CTX_new() else {
            throw ObservatoireError(.readFailed, "OpenSSL could not allocate a digest context", path: path)
        }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else {
            throw ObservatoireError(.readFailed, "OpenSSL could not start a SHA-256 digest", path: path)
        }
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { chunk.deallocate() }
        var size = 0
        while true {
            guard going() else { throw Cancelled() }
            let count = try source.read(into: chunk)
            if count == 0 { break }
            size += count
            guard EVP_DigestUpdate(context, chunk.baseAddress, count) == 1 else {
                throw ObservatoireError(.readFailed, "OpenSSL failed while hashing", path: path)
            }
        }
        return Result(sha256: try finish(context, path: path), size: size)
    }

    /// A digest given up before the end of the file (`BackgroundDigest.cancel`).
    public struct Cancelled: Error {}

    /// The digest of what `context` was given, in hexadecimal.
    private static func finish(_ context: OpaquePointer, path: String) throws -> String {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        guard EVP_DigestFinal_ex(context, &digest, &length) == 1 else {
            throw ObservatoireError(.readFailed, "OpenSSL could not finish the digest", path: path)
        }
        return hex(digest.prefix(Int(length)))
    }

    /// SHA-256 of bytes in memory (fingerprints of definitions, say), in hexadecimal.
    public static func sha256(_ bytes: [UInt8]) -> String {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let done = bytes.withUnsafeBufferPointer { EVP_Digest($0.baseAddress, $0.count, &digest, &length, EVP_sha256(), nil) }
        precondition(done == 1, "OpenSSL could not compute a SHA-256 digest in memory")
        return hex(digest.prefix(Int(length)))
    }

    private static func hex(_ bytes: ArraySlice<UInt8>) -> String {
        bytes.map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
    }
}
