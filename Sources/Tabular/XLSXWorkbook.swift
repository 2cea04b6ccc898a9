import Core

/// The parts of an XLSX workbook needed to read its sheets as tables: the sheet names in tab
/// order, the part that holds each sheet, and the shared strings that cells refer to by
/// index. Shared strings are kept in memory (one copy of each unique string); sheets are
/// streamed from the archive when opened.
public final class XLSXWorkbook {
    public let path: String
    public let sheetNames: [String]
    /// The archive member of each sheet, in the order of `sheetNames`.
    private let sheetParts: [String]
    let sharedStrings: [String]
    private let archive: ZipArchive
    /// How many bytes of XML are read at a time (see `XMLTokenizer`).
    private let chunkSize: Int

    public convenience init(path: String) throws {
        try self.init(path: path, chunkSize: XMLTokenizer.chunkSize)
    }

    init(path: String, chunkSize: Int) throws {
        let archive = try ZipArchive(path: path)
        guard archive.entry(named: "xl/workbook.xml") != nil else {
            throw ObservatoireError(.notAWorkbook,
                               "the zip archive has no xl/workbook.xml: it is not an XLSX workbook (an .xls or .ods saved under another name?); save it as .xlsx",
                               path: path)
        }
        var targets: [String: String] = [:]
        var sharedStringsPart = "xl/sharedStrings.xml"
        if let rels = try Self.tokens(of: "xl/_rels/workbook.xml.rels", in: archive, chunkSize: chunkSize) {
            while let token = try rels.next() {
                guard case .start(let tag) = token, tag.name == "Relationship",
                      let id = tag.attribute("Id"), let target = tag.attribute("Target") else { continue }
                // Targets are relative to xl/, unless absolute within the package.
                let part = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
                targets[id] = part
                if tag.attribute("Type")?.hasSuffix("/sharedStrings") == true { sharedStringsPart = part }
            }
        }
        var names: [String] = []
        var parts: [String] = []
        let workbook = try Self.tokens(of: "xl/workbook.xml", in: archive, chunkSize: chunkSize)!
        while let token = try workbook.next() {
            guard case .start(let tag) = token, tag.name == "sheet" else { continue }
            // `r:id`: the only attribute whose local name is `id` (`sheetId` is another).
            guard let name = tag.attribute("name"), let id = tag.attribute("id"), let part = targets[id] else {
                throw ObservatoireError(.corruptWorkbook,
                                   "a sheet of xl/workbook.xml has no name or no part in xl/_rels/workbook.xml.rels; open and save the file again in a spreadsheet",
                                   path: path)
            }
            names.append(name)
            parts.append(part)
        }
        var strings: [String] = []
        if let shared = try Self.tokens(of: sharedStringsPart, in: archive, chunkSize: chunkSize) {
            while let token = try shared.next() {
                if case .start(let tag) = token, tag.name == "si" {
                    strings.append(tag.isSelfClosing ? "" : try shared.richText(closing: "si"))
                }
            }
        }
        self.path = path
        self.archive = archive
        self.chunkSize = chunkSize
        sheetNames = names
        sheetParts = parts
        sharedStrings = strings
    }

    /// The XML of sheet `name` (the first sheet when nil), streamed from the archive.
    func openSheet(named name: String?) throws -> (name: String, tokens: XMLTokenizer) {
        guard let index = name.map({ sheetNames.firstIndex(of: $0) }) ?? sheetNames.indices.first else {
            let available = sheetNames.map { "'\($0)'" }.joined(separator: ", ")
            throw ObservatoireError(.sheetNotFound,
                               name.map { "the workbook has no sheet named '\($0)'; its sheets are: \(available)" }
                                   ?? "the workbook has no sheet",
                               path: path, value: name)
        }
        guard let tokens = try Self.tokens(of: sheetParts[index], in: archive, chunkSize: chunkSize) else {
            throw ObservatoireError(.corruptWorkbook,
                               "the part \(sheetParts[index]) of sheet '\(sheetNames[index])' is missing from the archive; open and save the file again in a spreadsheet",
                               path: path)
        }
        return (sheetNames[index], tokens)
    }

    private static func tokens(of part: String, in archive: ZipArchive, chunkSize: Int) throws -> XMLTokenizer? {
        try archive.entry(named: part).map {
            XMLTokenizer(source: try archive.open($0), path: archive.path + "!" + part, chunkSize: chunkSize)
        }
    }
}

extension XMLTokenizer {
    /// The text of a rich string (`<si>`, `<is>`) up to its end tag `name`: its `<t>` runs
    /// concatenated, without the phonetic `<rPh>` runs nor the whitespace between runs.
    func richText(closing name: String) throws -> String {
        var text = ""
        var phonetic = false
        while let token = try next() {
            switch token {
            case .start(let tag) where tag.name == "rPh":
                phonetic = !tag.isSelfClosing
            case .start(let tag) where tag.name == "t" && !tag.isSelfClosing && !phonetic:
                text += try self.text(closing: "t")
            case .end("rPh"):
                phonetic = false
            case .end(let tag) where tag == name:
                return text
            default:
                break
            }
        }
        throw malformed("ends inside <\(name)>")
    }
}
