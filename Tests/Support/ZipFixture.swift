import CZlib

/// One member of a test archive. `method` 8 is deflated with zlib; any other method is
/// written stored but labelled as given, to test how the reader refuses it.
public struct ZipMember: Sendable {
    public var name: String
    public var data: [UInt8]
    public var method: UInt16 = 8
    public var encrypted = false

    public init(_ name: String, _ text: String, method: UInt16 = 8, encrypted: Bool = false) {
        self.init(name, bytes: Array(text.utf8), method: method, encrypted: encrypted)
    }

    public init(_ name: String, bytes: [UInt8], method: UInt16 = 8, encrypted: Bool = false) {
        self.name = name
        data = bytes
        self.method = method
        self.encrypted = encrypted
    }
}

/// Writes zip archives in memory, since tests cannot count on `zip` or Python being installed.
/// With `zip64`, sizes and offsets go in Zip64 extra fields and a Zip64 end record is written.
public func zipArchive(_ members: [ZipMember], zip64: Bool = false) -> [UInt8] {
    var archive: [UInt8] = []
    var directory: [UInt8] = []
    for member in members {
        let stored = member.method == 8 ? rawDeflate(member.data) : member.data
        let crc = UInt32(crc32(0, member.data, UInt32(member.data.count)))
        let name = Array(member.name.utf8)
        let flags: UInt16 = 0x0800 | (member.encrypted ? 1 : 0)
        let offset = UInt64(archive.count)
        let saturated: UInt32 = 0xFFFF_FFFF
        // Local header.
        archive.append(le: UInt32(0x0403_4B50), UInt16(zip64 ? 45 : 20), flags, member.method, UInt16(0), UInt16(0x21), crc)
        archive.append(le: zip64 ? saturated : UInt32(stored.count), zip64 ? saturated : UInt32(member.data.count))
        archive.append(le: UInt16(name.count), UInt16(zip64 ? 20 : 0))
        archive += name
        if zip64 {
            archive.append(le: UInt16(1), UInt16(16), UInt64(member.data.count), UInt64(stored.count))
        }
        archive += stored
        // Central directory header.
        directory.append(le: UInt32(0x0201_4B50), UInt16(zip64 ? 45 : 20), UInt16(zip64 ? 45 : 20), flags, member.method)
        directory.append(le: UInt16(0), UInt16(0x21), crc)
        directory.append(le: zip64 ? saturated : UInt32(stored.count), zip64 ? saturated : UInt32(member.data.count))
        directory.append(le: UInt16(name.count), UInt16(zip64 ? 28 : 0), UInt16(0), UInt16(0), UInt16(0), UInt32(0))
        directory.append(le: zip64 ? saturated : UInt32(offset))
        directory += name
        if zip64 {
            directory.append(le: UInt16(1), UInt16(24), UInt64(member.data.count), UInt64(stored.count), offset)
        }
    }
    let directoryOffset = UInt64(archive.count)
    archive += directory
    if zip64 {
        let recordOffset = UInt64(archive.count)
        archive.append(le: UInt32(0x0606_4B50), UInt64(44), UInt16(45), UInt16(45), UInt32(0), UInt32(0))
        archive.append(le: UInt64(members.count), UInt64(members.count), UInt64(directory.count), directoryOffset)
        archive.append(le: UInt32(0x0706_4B50), UInt32(0), recordOffset, UInt32(1))
        archive.append(le: UInt32(0x0605_4B50), UInt16(0), UInt16(0), UInt16(0xFFFF), UInt16(0xFFFF))
        archive.append(le: UInt32(0xFFFF_FFFF), UInt32(0xFFFF_FFFF), UInt16(0))
    } else {
        archive.append(le: UInt32(0x0605_4B50), UInt16(0), UInt16(0), UInt16(members.count), UInt16(members.count))
        archive.append(le: UInt32(directory.count), UInt32(directoryOffset), UInt16(0))
    }
    return archive
}

/// Raw deflate (no zlib header), as zip stores it.
public func rawDeflate(_ data: [UInt8]) -> [UInt8] {
    var stream = z_stream()
    guard deflateInit2_(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY,
                        ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { fatalError("deflateInit2 failed") }
    defer { deflateEnd(&stream) }
    var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(data.count))))
    var input = data
    let status = input.withUnsafeMutableBufferPointer { source in
        output.withUnsafeMutableBufferPointer { target in
            stream.next_in = source.baseAddress
            stream.avail_in = UInt32(source.count)
            stream.next_out = target.baseAddress
            stream.avail_out = UInt32(target.count)
            return deflate(&stream, Z_FINISH)
        }
    }
    guard status == Z_STREAM_END else { fatalError("deflate failed: \(status)") }
    return Array(output.prefix(Int(stream.total_out)))
}

/// A minimal XLSX workbook: each sheet given by the content of its `<sheetData>`, shared
/// strings by the content of each `<si>`, and no shared strings part when nil.
public func workbook(_ sheets: [(name: String, rows: String)], sharedStrings: [String]? = nil) -> [UInt8] {
    let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    let main = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
    let relationships = "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
    let type = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    var rels = declaration + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    var book = declaration + "<workbook \(main) \(relationships)><sheets>"
    var members: [ZipMember] = []
    for (index, sheet) in sheets.enumerated() {
        let number = index + 1
        rels += "<Relationship Id=\"rId\(number)\" Type=\"\(type)worksheet\" Target=\"worksheets/sheet\(number).xml\"/>"
        book += "<sheet name=\"\(sheet.name)\" sheetId=\"\(number)\" r:id=\"rId\(number)\"/>"
        members.append(ZipMember("xl/worksheets/sheet\(number).xml",
                                 declaration + "<worksheet \(main)><sheetData>\(sheet.rows)</sheetData></worksheet>"))
    }
    if let sharedStrings {
        rels += "<Relationship Id=\"rIdS\" Type=\"\(type)sharedStrings\" Target=\"sharedStrings.xml\"/>"
        let items = sharedStrings.map { "<si>\($0)</si>" }.joined()
        members.append(ZipMember("xl/sharedStrings.xml", declaration + "<sst \(main) count=\"\(sharedStrings.count)\">\(items)</sst>"))
    }
    members.append(ZipMember("xl/workbook.xml", book + "</sheets></workbook>"))
    members.append(ZipMember("xl/_rels/workbook.xml.rels", rels + "</Relationships>"))
    return zipArchive(members)
}

/// `<row>` with inline-string cells placed from column A; empty strings leave the cell out.
public func inlineRow(_ number: Int, _ cells: [String]) -> String {
    let columns = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    let content = cells.enumerated().filter { !$0.element.isEmpty }.map { index, text in
        "<c r=\"\(columns[index])\(number)\" t=\"inlineStr\"><is><t>\(text)</t></is></c>"
    }
    return "<row r=\"\(number)\">" + content.joined() + "</row>"
}

extension Array where Element == UInt8 {
    /// Appends each value in little-endian order.
    public mutating func append(le values: any FixedWidthInteger...) {
        for value in values { appendLittleEndian(value) }
    }

    private mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        for shift in stride(from: 0, to: T.bitWidth, by: 8) {
            append(UInt8(truncatingIfNeeded: value >> shift))
        }
    }
}
