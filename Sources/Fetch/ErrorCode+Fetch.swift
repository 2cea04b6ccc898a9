import Core

extension ErrorCode {
    /// A download that could not be completed or verified (the file in raw/ is left as it was).
    public static let download = ErrorCode(
        "download", remedy: "check the address and the network, or download the file by hand into raw/ and ingest it")
}
