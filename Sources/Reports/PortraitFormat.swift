/// The formats a portrait is written in.
public enum PortraitFormat: String, Sendable, CaseIterable {
    case html, md, csv, xlsx

    /// XLSX is a zip file: it needs a file, never standard output.
    public var isText: Bool { self != .xlsx }
}
