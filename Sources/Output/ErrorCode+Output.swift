import Core

extension ErrorCode {
    /// A file that cannot be written: the previous one, if any, is left whole.
    public static let output = ErrorCode(
        "output", remedy: "check that the folder exists and may be written, and that the disk has space; the previous file is untouched")
}
