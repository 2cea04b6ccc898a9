#if canImport(Glibc)
import Glibc
#endif

/// libFuzzer entry point for the XLSX reader: arbitrary bytes as an `.xlsx` file, through
/// `ZipArchive` (central directory, Zip64, local headers, stored and deflated members, sizes
/// and CRC-32), `XLSXWorkbook` (workbook, relationships, shared strings) and `XLSXReader`
/// (rows of every sheet, header search), as ingest reads a workbook; the sheets are read
/// again in small chunks, so that chunk edges fall inside tags, entities and text.
///
/// Besides not crashing or hanging, records must be at least as wide as the header, and
/// errors only `TabularError`s naming the file or its member.
@_cdecl("LLVMFuzzerTestOneInput")
public func xlsxReaderFuzzTarget(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let path = FuzzInput.write(data, size, extension: "xlsx")
    readMembers(path: path)
    do {
        let workbook = try XLSXWorkbook(path: path)
        // The first sheet by default, then each one by name, as recognition opens them.
        readSheet(path: path, name: nil, chunkSize: XMLTokenizer.chunkSize)
        for name in workbook.sheetNames.prefix(4) { readSheet(path: path, name: name, chunkSize: XMLTokenizer.chunkSize) }
        readSheet(path: path, name: nil, chunkSize: [1, 5, 64, 700][size % 4])
    } catch {
        FuzzInput.check(error, path: path)
    }
    return 0
}

/// Streams every member (the first 16) to its end, so that sizes and CRC-32 are checked.
private func readMembers(path: String) {
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
    defer { buffer.deallocate() }
    do {
        let archive = try ZipArchive(path: path)
        for entry in archive.entries.prefix(16) {
            do {
                let source = try archive.open(entry)
                while try source.read(into: buffer) > 0 {}
            } catch {
                FuzzInput.check(error, path: path)
            }
        }
    } catch {
        FuzzInput.check(error, path: path)
    }
}

private func readSheet(path: String, name: String?, chunkSize: Int) {
    do {
        // The header is the first row whose first cell is not empty.
        let reader = try XLSXReader(path: path, sheet: name, chunkSize: chunkSize) { $0.first.map { !$0.isEmpty } ?? false }
        precondition(!reader.header.isEmpty, "an empty header")
        precondition(reader.headerRow >= 1, "header on row \(reader.headerRow)")
        try reader.forEachRecord { record in
            precondition(record.count >= reader.header.count, "row \(record.line) narrower than the header")
            for index in 0..<record.count { _ = FuzzInput.cells.parse(record.bytes(at: index)) }
            _ = record.strings
        }
    } catch {
        FuzzInput.check(error, path: path)
    }
}
