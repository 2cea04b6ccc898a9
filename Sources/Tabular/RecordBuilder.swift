/// The cells of a workbook row as the XLSX reader collects them: their bytes end to end
/// and where each ends, as a `CSVRecord` holds them.
struct RecordBuilder {
    var bytes: [UInt8] = []
    var ends: [Int] = []

    mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
    }

    func strings() -> [String] {
        var start = 0
        return ends.map { stop in
            defer { start = stop }
            return String(decoding: bytes[start..<stop], as: UTF8.self)
        }
    }
}
