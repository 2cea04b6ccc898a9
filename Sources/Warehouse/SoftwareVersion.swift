/// The version of Observatoire, in one place: `observatoire --version` prints it, and
/// reports and the warehouse can record it beside what they produce.
public enum SoftwareVersion {
    public static let current = "0.35.0"
}
