/// Records already in memory, read like a file's: the attributes of a GeoJSON layer's
/// features, for instance, so that they go through the same recognition, checks and
/// rejections as a published table. `line` is each record's position in its file.
public final class InMemoryTable: RecordReader {
    public let path: String
    public let header: [String]
    public let encodingDescription: String
    public let delimiterDescription: String? = nil
    private let rows: [(line: Int, fields: [String])]

    public init(path: String, header: [String], rows: [(line: Int, fields: [String])], encodingDescription: String) {
        self.path = path
        self.header = header
        self.rows = rows
        self.encodingDescription = encodingDescription
    }

    public func forEachRecord(_ body: (CSVRecord) throws -> Void) throws {
        for row in rows {
            var bytes: [UInt8] = []
            var ends: [Int] = []
            for field in row.fields {
                bytes.append(contentsOf: field.utf8)
                ends.append(bytes.count)
            }
            try bytes.withUnsafeBufferPointer { bytes throws in
                try ends.withUnsafeBufferPointer { ends throws in
                    try body(CSVRecord(line: row.line, defect: nil, bytes: bytes, ends: ends))
                }
            }
        }
    }
}
