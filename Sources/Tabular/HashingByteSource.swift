import CCrypto

/// A plain file read through, its SHA-256 computed from the chunks as they are read: the
/// reader hashes the file on its own pass, on its own thread, instead of a pass before it.
final class HashingByteSource: ByteSource {
    private let source: FileByteSource
    private let path: String
    private let context: OpaquePointer
    private var size = 0
    /// Set once the source has returned its last byte.
    private(set) var digest: FileDigest.Result?

    init(path: String) throws {
        source = try FileByteSource(path: path)
        self.path = path
        guard let context = EVP_MD_CTX_new() else {
            throw TabularError(.readFailed, "OpenSSL could not allocate a digest context", path: path)
        }
        self.context = context
        guard EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else {
            throw TabularError(.readFailed, "OpenSSL could not start a SHA-256 digest", path: path)
        }
    }

    deinit { EVP_MD_CTX_free(context) }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = try source.read(into: buffer)
        guard digest == nil else { return count }
        if count == 0 {
            digest = FileDigest.Result(sha256: try FileDigest.finish(context, path: path), size: size)
            return 0
        }
        size += count
        guard EVP_DigestUpdate(context, buffer.baseAddress, count) == 1 else {
            throw TabularError(.readFailed, "OpenSSL failed while hashing", path: path)
        }
        return count
    }
}
