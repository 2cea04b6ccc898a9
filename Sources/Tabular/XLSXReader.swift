import Core

/// Streams the rows of one sheet of an XLSX workbook as records, like `CSVReader` does for
/// delimited text, so that ingest does not care which it reads.
///
/// Published sheets often start with a title, notes and blank rows: rows are passed over
/// until `isHeader` recognises the header. Each cell goes to the column its reference names,
/// so skipped cells read as empty strings; numbers are written as Excel shows integers
/// ("4.0" → "4"), and codes stored as numbers come out without their lost leading zeros,
/// which the caller detects.
public final class XLSXReader: RecordReader {
    public let path: String
    public let sheetName: String
    /// Header names with surrounding whitespace and trailing empty cells removed.
    public let header: [String]
    /// The spreadsheet row number (1-based) of the header.
    public let headerRow: Int
    public var encodingDescription: String { "xlsx sheet \(sheetName)" }
    public var delimiterDescription: String? { nil }

    private let rows: SheetRows

    /// How far down the header is looked for before giving up.
    private static let headerSearchLimit = 100

    /// Opens sheet `sheet` (the first one when nil) and reads rows until `isHeader` accepts one.
    /// `isHeader` sees the cells of each non-empty row, trimmed as `header` is.
    public convenience init(path: String, sheet: String? = nil, isHeader: ([String]) -> Bool) throws {
        try self.init(path: path, sheet: sheet, chunkSize: XMLTokenizer.chunkSize, isHeader: isHeader)
    }

    /// `chunkSize`: the bytes of XML read at a time, made small by the fuzz target.
    init(path: String, sheet: String?, chunkSize: Int, isHeader: ([String]) -> Bool) throws {
        let workbook = try XLSXWorkbook(path: path, chunkSize: chunkSize)
        let (name, tokens) = try workbook.openSheet(named: sheet)
        let rows = SheetRows(tokens: tokens, sharedStrings: workbook.sharedStrings, path: path)
        header = try Self.findHeader(in: rows, sheet: name, path: path, isHeader: isHeader)
        var seen: [String: Int] = [:]
        for (index, column) in header.enumerated() {
            if let first = seen[column] {
                throw ObservatoireError(.duplicateHeader,
                                   "column name '\(column)' appears twice in the header (columns \(first + 1) and \(index + 1)); rename one of them",
                                   path: path, line: rows.number, column: column)
            }
            seen[column] = index
        }
        self.path = path
        self.rows = rows
        sheetName = name
        headerRow = rows.number
    }

    /// Reads rows until `isHeader` accepts one, and returns its trimmed cells.
    private static func findHeader(in rows: SheetRows, sheet: String, path: String, isHeader: ([String]) -> Bool) throws -> [String] {
        var passedOver: [String] = []
        while try rows.next(), rows.number <= headerSearchLimit {
            let cells = rows.row.strings().map(\.trimmedOfWhitespace)
            guard let last = cells.lastIndex(where: { !$0.isEmpty }) else { continue }
            let names = Array(cells[...last])
            if isHeader(names) { return names }
            if passedOver.count < 5 {
                passedOver.append("row \(rows.number): " + names.prefix(3).map { "'\($0.prefix(60))'" }.joined(separator: ", "))
            }
        }
        let seen = passedOver.isEmpty ? "they are empty" : "it starts with " + passedOver.joined(separator: "; ")
        throw ObservatoireError(.headerNotFound,
                           "no header row in the first \(headerSearchLimit) rows of sheet '\(sheet)' (\(seen)); check the sheet and the expected column names",
                           path: path)
    }

    /// Calls `body` for every non-empty row after the header, with `line` the row number.
    /// Records are padded with empty fields to the header's width; trailing empty cells beyond
    /// it are dropped, so a record is wider than the header only when a cell there has a value.
    public func forEachRecord(_ body: (CSVRecord) throws -> Void) throws {
        while try rows.next() {
            var row = rows.row
            if row.bytes.isEmpty { continue }
            while row.ends.count > header.count && row.ends.last == (row.ends.dropLast().last ?? 0) {
                row.ends.removeLast()
            }
            while row.ends.count < header.count { row.ends.append(row.bytes.count) }
            try row.bytes.withUnsafeBufferPointer { bytes throws in
                try row.ends.withUnsafeBufferPointer { ends throws in
                    try body(CSVRecord(line: rows.number, defect: nil, bytes: bytes, ends: ends))
                }
            }
        }
    }
}

/// Turns the `<row>` elements of a sheet's XML into rows of cell texts, placed by column.
private final class SheetRows {
    private let tokens: XMLTokenizer
    private let sharedStrings: [String]
    private let path: String
    /// The cells of the current row, as the CSV reader builds its records.
    private(set) var row = RecordBuilder()
    /// The current row's number: its `r` attribute, or the one after the previous row.
    private(set) var number = 0
    /// Whether a `<row>` is open: cells outside one belong to no row.
    private var inRow = false

    /// Excel's last row: a sheet numbering a row outside 1…1,048,576 is damaged.
    static let lastRow = 1_048_576

    init(tokens: XMLTokenizer, sharedStrings: [String], path: String) {
        self.tokens = tokens
        self.sharedStrings = sharedStrings
        self.path = path
    }

    /// Reads the next row into `row`; false after the last one.
    func next() throws -> Bool {
        row.reset()
        var cell: (reference: String?, type: String?)?
        var value = ""
        while let token = try tokens.next() {
            switch token {
            case .start(let tag):
                switch tag.name {
                case "row":
                    number = try rowNumber(tag.attribute("r"))
                    if tag.isSelfClosing { return true }
                    inRow = true
                case "c":
                    guard inRow else {
                        let place = number == 0 ? "before the first row" : "after row \(number)"
                        throw ObservatoireError(.corruptWorkbook,
                                           "a cell is outside any row (\(place)); open and save the file again in a spreadsheet",
                                           path: path, line: number == 0 ? nil : number, column: tag.attribute("r"))
                    }
                    cell = (tag.attribute("r"), tag.attribute("t"))
                    value = ""
                    if tag.isSelfClosing { try place(cell!, value) }
                case "v" where !tag.isSelfClosing:
                    value = try tokens.text(closing: "v")
                case "is" where !tag.isSelfClosing:
                    value = try tokens.richText(closing: "is")
                default:
                    break
                }
            case .end("c"):
                if let current = cell { try place(current, value) }
                cell = nil
            case .end("row"):
                guard inRow else {
                    throw ObservatoireError(.corruptWorkbook, "a row ends that never started (after row \(number)); open and save the file again in a spreadsheet",
                                       path: path, line: number)
                }
                inRow = false
                return true
            case .end("sheetData"):
                try checkNoRowOpen()
                // Read to the end, so that the archive checks the part's size and CRC-32.
                while try tokens.next() != nil {}
                return false
            default:
                break
            }
        }
        try checkNoRowOpen()
        return false
    }

    /// The number of the row starting with `attribute` as its `r`: it must be a row a
    /// spreadsheet can have, after the previous one (rows are written in order), so that
    /// every rejection names a row of the sheet.
    private func rowNumber(_ attribute: String?) throws -> Int {
        guard let attribute else {
            guard number < Self.lastRow else {
                throw ObservatoireError(.corruptWorkbook, "a row after row \(Self.lastRow), the last a spreadsheet has; open and save the file again in a spreadsheet",
                                   path: path, line: number)
            }
            return number + 1
        }
        guard let next = Int(attribute), (1...Self.lastRow).contains(next) else {
            let which = number == 0 ? "the first row" : "the row after row \(number)"
            throw ObservatoireError(.corruptWorkbook,
                               "\(which) is numbered '\(attribute.prefix(40))', not a row number (1 to \(Self.lastRow)); open and save the file again in a spreadsheet",
                               path: path, value: String(attribute.prefix(40)))
        }
        guard next > number else {
            throw ObservatoireError(.corruptWorkbook, "row \(next) comes after row \(number): the rows are out of order; open and save the file again in a spreadsheet",
                               path: path, line: next)
        }
        return next
    }

    private func checkNoRowOpen() throws {
        guard !inRow else {
            throw ObservatoireError(.corruptWorkbook, "the sheet ends inside row \(number); the part is truncated or damaged, download the file again",
                               path: path, line: number)
        }
    }

    /// Appends the cell's text at its column, after empty fields for any cells skipped before it.
    private func place(_ cell: (reference: String?, type: String?), _ value: String) throws {
        let column = cell.reference.flatMap(Self.columnIndex) ?? row.ends.count
        guard column >= row.ends.count else {
            throw ObservatoireError(.corruptWorkbook,
                               "cell \(cell.reference ?? "") comes after a cell to its right; open and save the file again in a spreadsheet",
                               path: path, line: number, column: cell.reference)
        }
        while row.ends.count < column { row.ends.append(row.bytes.count) }
        if !value.isEmpty {
            switch cell.type {
            case "s":
                guard let index = Int(value), sharedStrings.indices.contains(index) else {
                    throw ObservatoireError(.corruptWorkbook,
                                       "cell \(cell.reference ?? "") refers to shared string \(value), and the workbook has \(sharedStrings.count); open and save the file again in a spreadsheet",
                                       path: path, line: number, column: cell.reference, value: value)
                }
                row.bytes.append(contentsOf: sharedStrings[index].utf8)
            case nil, "n":
                row.bytes.append(contentsOf: Self.normalisedNumber(value).utf8)
            default:
                row.bytes.append(contentsOf: value.utf8)
            }
        }
        row.ends.append(row.bytes.count)
    }

    /// An integral value below 1e15 as a plain integer ("4.0" → "4", "2.00000172E8" →
    /// "200000172"), as a spreadsheet shows it; anything else as written.
    static func normalisedNumber(_ text: String) -> String {
        guard let number = Double(text), number.rounded() == number, abs(number) < 1e15 else { return text }
        return String(Int64(number))
    }

    /// The 0-based column of a cell reference: "C12" → 2, "AA1" → 26; nil without letters.
    static func columnIndex(_ reference: String) -> Int? {
        var column = 0
        var letters = 0
        for byte in reference.utf8 {
            guard byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") else { break }
            column = column * 26 + Int(byte - UInt8(ascii: "A")) + 1
            letters += 1
        }
        return (1...3).contains(letters) ? column - 1 : nil
    }
}

private extension String {
    /// Without leading and trailing whitespace (no-break spaces included).
    var trimmedOfWhitespace: String {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[first...last])
    }
}
