#if canImport(Glibc)
import Glibc
#endif

/// libFuzzer entry point for `CSVReader`: arbitrary bytes as a delimited text file, read the
/// way ingest reads one — encoding, delimiter and line terminator detected — then again as
/// when a source declares its format (delimiter or encoding given), in small chunks so that
/// chunk edges fall inside lines, quoted fields and multi-byte characters.
///
/// Besides not crashing, the reader must keep its promises: records in file order, each
/// starting on a later line than the one before; fields that are valid UTF-8 without NUL
/// bytes unless the record carries a defect; a plain file read to its last byte; errors
/// only as `TabularError` naming the file.
@_cdecl("LLVMFuzzerTestOneInput")
public func csvReaderFuzzTarget(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let path = FuzzInput.write(data, size, extension: "csv")
    // A gzip file is read decompressed: its size says nothing of the bytes read.
    let plainSize = size >= 2 && data![0] == 0x1F && data![1] == 0x8B ? nil : size
    readAll(path: path, plainSize: plainSize, delimiter: nil, encoding: nil, chunkSize: CSVReader.chunkSize)
    // The second reading depends on the input, so that each input stays one test.
    switch size % 4 {
    case 0: readAll(path: path, plainSize: plainSize, delimiter: nil, encoding: nil, chunkSize: 7)
    case 1: readAll(path: path, plainSize: plainSize, delimiter: UInt8(ascii: ";"), encoding: nil, chunkSize: 64)
    case 2: readAll(path: path, plainSize: plainSize, delimiter: nil, encoding: .windows1252, chunkSize: 1)
    default: readAll(path: path, plainSize: plainSize, delimiter: UInt8(ascii: "\t"), encoding: .utf8, chunkSize: 1000)
    }
    return 0
}

private func readAll(path: String, plainSize: Int?, delimiter: UInt8?, encoding: TextEncoding?, chunkSize: Int) {
    do {
        let reader = try CSVReader(path: path, delimiter: delimiter, encoding: encoding, chunkSize: chunkSize)
        precondition(!reader.header.isEmpty, "a header without columns")
        var previousLine = 0
        try reader.forEachRecord { record in
            precondition(record.line > previousLine && record.line >= 2, "record on line \(record.line) after line \(previousLine)")
            previousLine = record.line
            for index in 0..<record.count {
                let field = record.bytes(at: index)
                if record.defect == nil {
                    precondition(UTF8Validation.firstInvalidOffset(in: field) == nil, "invalid UTF-8 in a record without defect, line \(record.line)")
                    precondition(!field.contains(0), "NUL byte in a record without defect, line \(record.line)")
                }
                _ = FuzzInput.cells.parse(field)
            }
            _ = record.strings
            _ = record.defect?.reason
        }
        if let plainSize { precondition(reader.bytesRead == plainSize, "read \(reader.bytesRead) of \(plainSize) bytes") }
    } catch {
        FuzzInput.check(error, path: path)
    }
}
