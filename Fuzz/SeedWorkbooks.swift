import Foundation

/// Writes the seed workbooks of the XLSX fuzz target into the folder given: small fixtures
/// built as the tests build them (`Tests/Support/ZipFixture.swift`), and real workbooks
/// (the `.xlsx` files given after the folder) cut down to their first rows and strings.
/// Each is written deflated and stored: mutations of a stored member reach the XML reader
/// before the CRC-32 check at its end does.
@main
enum SeedWorkbooks {
    static func main() throws {
        let arguments = CommandLine.arguments.dropFirst()
        guard let folder = arguments.first else {
            FileHandle.standardError.write(Data("usage: seed-workbooks FOLDER [REAL.xlsx…]\n".utf8))
            exit(2)
        }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var written = 0
        func save(_ name: String, _ members: [ZipMember], zip64: Bool = false) throws {
            for method: UInt16 in [8, 0] {
                let stored = members.map { ZipMember($0.name, bytes: $0.data, method: method) }
                let file = "\(folder)/\(name)-\(method == 8 ? "deflated" : "stored")\(zip64 ? "-zip64" : "").xlsx"
                try Data(zipArchive(stored, zip64: zip64)).write(to: URL(fileURLWithPath: file))
                written += 1
            }
        }
        for (name, book) in fixtures {
            let members = try members(of: book)
            try save(name, members)
            if name == "shared-strings" { try save(name, members, zip64: true) }
        }
        for path in arguments.dropFirst() {
            try save("real-" + URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent, try cutDown(path))
        }
        print("\(written) seed workbooks in \(folder)")
    }

    /// Workbooks in the shapes the readers meet: inline and shared strings, rich text with
    /// phonetic runs, numbers as Excel writes them, title rows, skipped and empty cells, sheets.
    static let fixtures: [(String, [UInt8])] = [
        ("inline", workbook([("Communes", inlineRow(1, ["CODGEO", "P21_POP", "LIBGEO"]) + inlineRow(2, ["62498", "31000", "Lens"]))])),
        ("shared-strings", workbook([("EPCI", """
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>
            <row r="2"><c r="A2"><v>200000172</v></c><c r="B2" t="s"><v>3</v></c><c r="C2"><v>2.00000172E8</v></c></row>
            <row r="3"><c r="A3" t="n"><v>859.0</v></c><c r="C3" t="str"><v>x</v></c></row>
            """)], sharedStrings: ["<t>EPCI</t>", "<t>LIBEPCI</t>", "<r><t>NB</t></r><r><t>_COM</t></r>", "<t>CA de Lens</t><rPh><t>x</t></rPh>"])),
        ("title-rows", workbook([("Composition_communale", """
            <row r="1"><c r="A1" t="inlineStr"><is><t>Composition communale des EPCI</t></is></c></row>
            <row r="3"><c r="A3" t="inlineStr"><is><t>Source : Insee</t></is></c></row>
            <row r="5"><c r="A5" t="inlineStr"><is><t>CODGEO</t></is></c><c r="C5" t="inlineStr"><is><t>EPCI</t></is></c></row>
            <row r="6"><c r="A6" t="inlineStr"><is><t>01001</t></is></c><c r="B6"/><c r="C6"><v>200069193</v></c></row>
            <row r="7"/><row><c t="inlineStr"><is><t>01002</t></is></c></row>
            """)])),
        ("two-sheets", workbook([
            ("EPCI", inlineRow(1, ["EPCI", "LIBEPCI", "NATURE_EPCI", "NB_COM"]) + inlineRow(2, ["200000172", "CC Haut-Jura", "CC", "15"])),
            ("Composition_communale", inlineRow(1, ["CODGEO", "LIBGEO", "EPCI"]) + inlineRow(2, ["01001", "L'Abergement", "200069193"])),
        ])),
    ]

    static func members(of archive: [UInt8]) throws -> [ZipMember] {
        let path = NSTemporaryDirectory() + "seed-\(getpid()).xlsx"
        try Data(archive).write(to: URL(fileURLWithPath: path))
        defer { unlink(path) }
        return try read(path) { _, bytes in bytes }
    }

    /// The parts of a real workbook the readers use, each sheet cut after its first rows and
    /// the shared strings after their first items, closed so that the XML stays well formed.
    /// A cell referring to a shared string cut off refers to one kept instead.
    static func cutDown(_ path: String) throws -> [ZipMember] {
        var members = try read(path) { name, bytes in
            if name.hasPrefix("xl/worksheets/") { return cut(bytes, after: "</row>", within: 12000, closing: "</sheetData></worksheet>") }
            if name.hasSuffix("sharedStrings.xml") { return cut(bytes, after: "</si>", within: 6000, closing: "</sst>") }
            if name.hasSuffix(".xml") || name.hasSuffix(".rels") { return bytes.count <= 8000 ? bytes : nil }
            return nil
        }
        let strings = members.first { $0.name.hasSuffix("sharedStrings.xml") }
            .map { String(decoding: $0.data, as: UTF8.self).components(separatedBy: "</si>").count - 1 } ?? 0
        guard strings > 0 else { return members }
        let reference = try NSRegularExpression(pattern: #"(<c [^>]*t="s"[^>]*>\s*<v>)([0-9]+)(</v>)"#)
        for (index, member) in members.enumerated() where member.name.hasPrefix("xl/worksheets/") {
            let text = String(decoding: member.data, as: UTF8.self)
            var result = ""
            var last = text.startIndex
            for match in reference.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let number = Range(match.range(at: 2), in: text)!
                result += text[last..<number.lowerBound] + String((Int(text[number]) ?? 0) % strings)
                last = number.upperBound
            }
            result += text[last...]
            members[index] = ZipMember(member.name, bytes: Array(result.utf8))
        }
        return members
    }

    /// Every member of the archive at `path` that `keep` returns bytes for.
    static func read(_ path: String, keep: (String, [UInt8]) -> [UInt8]?) throws -> [ZipMember] {
        let archive = try ZipArchive(path: path)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { buffer.deallocate() }
        return try archive.entries.compactMap { entry in
            guard entry.name.hasPrefix("xl/") || entry.name.hasPrefix("[Content_Types]") || entry.name.hasPrefix("_rels/") else { return nil }
            let source = try archive.open(entry)
            var bytes: [UInt8] = []
            while case let count = try source.read(into: buffer), count > 0 { bytes += buffer.prefix(count) }
            return keep(entry.name, bytes).map { ZipMember(entry.name, bytes: $0) }
        }
    }

    /// `bytes` up to the last `marker` in the first `limit` bytes, then `closing`.
    static func cut(_ bytes: [UInt8], after marker: String, within limit: Int, closing: String) -> [UInt8] {
        guard bytes.count > limit else { return bytes }
        let text = String(decoding: bytes.prefix(limit), as: UTF8.self)
        guard let end = text.range(of: marker, options: .backwards)?.upperBound else { return bytes }
        return Array(text[..<end].utf8) + Array(closing.utf8)
    }
}
