/// Paths written under the raw folder (downloads, zip members): never absolute, never
/// climbing out with `..`, so that nothing a definition or an archive says can write
/// elsewhere on the machine.
public enum RawPath {
    public static func isSafe(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("\\"), !path.contains("\0") else { return false }
        return !path.split(separator: "/", omittingEmptySubsequences: false).contains { $0 == ".." || $0.isEmpty }
    }
}
