/// The status of a published value. Secret statistique is a status, never a zero:
/// a value that is not `ok` carries no number.
public enum ValueStatus: String, Sendable, Equatable, CaseIterable, Codable {
    case ok
    case secret
    case missing
    case notApplicable = "not-applicable"
}

/// What one cell of a numeric column holds: a number, or a status read from a marker.
public enum CellValue: Sendable, Equatable {
    case number(Double)
    case marker(ValueStatus)
    case invalid
}

/// Reads numeric cells given the markers of a source (`s` → secret, `nd` → missing …).
public struct CellParser: Sendable {
    /// Markers as UTF-8 byte strings, checked before number parsing.
    private let markers: [([UInt8], ValueStatus)]
    private let emptyStatus: ValueStatus

    public init(markers: [String: ValueStatus], empty: ValueStatus = .missing) {
        self.markers = markers.map { (Array($0.key.utf8), $0.value) }.sorted { $0.0.lexicographicallyPrecedes($1.0) }
        self.emptyStatus = empty
    }

    @inline(__always)
    public func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> CellValue {
        if bytes.isEmpty { return .marker(emptyStatus) }
        if let value = DecimalParser.parse(bytes) { return .number(value) }
        for (marker, status) in markers where marker.count == bytes.count && marker.elementsEqual(bytes) {
            return .marker(status)
        }
        return .invalid
    }

    /// The markers this parser knows, for error messages (`s, nd, ns, so`).
    public var markerList: String {
        markers.map { String(decoding: $0.0, as: UTF8.self) }.joined(separator: ", ")
    }
}
