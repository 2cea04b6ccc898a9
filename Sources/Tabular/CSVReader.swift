import CLibCSV
import Core
#if canImport(Glibc)
import Glibc
#endif

/// Streams the records of a delimited text file through libcsv.
///
/// The file is read in chunks and fed to libcsv one physical line at a time, which keeps
/// memory flat and gives every record the exact line it starts on. Encoding and
/// delimiter are detected from the first chunk unless given; Windows-1252 is converted
/// to UTF-8 before parsing. libcsv runs in strict mode: a malformed quote makes a record
/// with a `defect`, and a quote left open at the end of the file is an error.
public final class CSVReader {
    public let path: String
    public let encoding: TextEncoding
    public let delimiter: UInt8
    public let hadByteOrderMark: Bool
    /// The line terminator: LF (also for CRLF files), or CR for old Mac exports.
    private let terminator: UInt8
    /// Header names, as published (BOM removed).
    public private(set) var header: [String] = []

    private let window: ReadWindow
    private var lineNumber = 0
    private var recordLine = 0
    private var inRecord = false
    private var defect: CSVDefect?
    private var transcoded: [UInt8] = []
    private let parser: UnsafeMutablePointer<csv_parser>
    /// Behind a pointer, not in a class: libcsv's callbacks append to it for every field,
    /// and a class's properties would be checked for exclusive access at each append.
    private let builder: UnsafeMutablePointer<CSVRecordBuilder> = {
        let builder = UnsafeMutablePointer<CSVRecordBuilder>.allocate(capacity: 1)
        builder.initialize(to: CSVRecordBuilder())
        return builder
    }()

    /// Bytes consumed from the source so far (of the decompressed stream for gzip).
    public var bytesRead: Int { window.bytesRead }

    private static let options = UInt8(CSV_STRICT | CSV_STRICT_FINI)
    static let chunkSize = 1 << 20

    /// Opens `path`, detects what is not given and reads the header record.
    public convenience init(path: String, delimiter: UInt8? = nil, encoding: TextEncoding? = nil) throws {
        try self.init(path: path, delimiter: delimiter, encoding: encoding, chunkSize: Self.chunkSize)
    }

    /// Reads the records of `source` (a member of a zip archive, say); `path` names it in
    /// errors (`archive.zip!member.csv`).
    public convenience init(source: any ByteSource, path: String, delimiter: UInt8? = nil, encoding: TextEncoding? = nil) throws {
        try self.init(source: source, path: path, delimiter: delimiter, encoding: encoding, chunkSize: Self.chunkSize)
    }

    /// Reads `chunkSize` bytes at a time; the fuzz target makes it small, so that chunk
    /// edges fall inside short inputs (detection then sees only the first chunk, as always).
    convenience init(path: String, delimiter: UInt8?, encoding: TextEncoding?, chunkSize: Int) throws {
        try self.init(source: try openByteSource(path: path), path: path, delimiter: delimiter, encoding: encoding, chunkSize: chunkSize)
    }

    init(source: any ByteSource, path: String, delimiter: UInt8?, encoding: TextEncoding?, chunkSize: Int) throws {
        let window = ReadWindow(source: source, capacity: chunkSize)
        let dialect = try Self.detectDialect(window: window, path: path, delimiter: delimiter, encoding: encoding)
        window.start = dialect.bom ? 3 : 0
        self.path = path
        self.window = window
        self.hadByteOrderMark = dialect.bom
        self.encoding = dialect.encoding
        self.delimiter = dialect.delimiter
        self.terminator = dialect.terminator
        parser = .allocate(capacity: 1)
        csv_init(parser, Self.options)
        configureParser()
        try readHeader()
    }

    private struct Dialect {
        var bom: Bool
        var encoding: TextEncoding
        var delimiter: UInt8
        var terminator: UInt8
    }

    /// Reads the first chunk into `window` and works out BOM, encoding, delimiter and line
    /// terminator from it; the chunk stays in the window, to be parsed from its first byte.
    private static func detectDialect(
        window: ReadWindow, path: String, delimiter: UInt8?, encoding: TextEncoding?
    ) throws -> Dialect {
        while window.end < window.bytes.count && !window.reachedEnd { try window.fill() }
        let sample = UnsafeRawBufferPointer(start: window.bytes.baseAddress, count: window.end)
        if sample.isEmpty {
            throw ObservatoireError(.emptyFile, "the file is empty", path: path)
        }
        let bom = sample.starts(with: [0xEF, 0xBB, 0xBF])
        let text = UnsafeRawBufferPointer(rebasing: sample[(bom ? 3 : 0)...])
        if text.allSatisfy({ $0 == 0x0A || $0 == 0x0D || $0 == 0x20 || $0 == 0x09 }) {
            throw ObservatoireError(.emptyFile, "the file is empty", path: path)
        }
        let detected = try encoding ?? TextEncoding.detect(sample: text, path: path, isWholeFile: window.reachedEnd)
        let terminator: UInt8 = text.contains(0x0A) || !text.contains(0x0D) ? 0x0A : 0x0D
        let sniffed = try delimiter ?? sniffDelimiter(text, terminator: terminator, path: path)
        return Dialect(bom: bom, encoding: detected, delimiter: sniffed, terminator: terminator)
    }

    deinit {
        csv_free(parser)
        parser.deallocate()
        builder.deinitialize(count: 1)
        builder.deallocate()
    }

    /// Calls `body` for every data record, in file order.
    public func forEachRecord(_ body: (CSVRecord) throws -> Void) throws -> Void {
        while try nextRecord() {
            try body(currentRecord)
        }
    }

    // MARK: - Records

    private func readHeader() throws {
        guard try nextRecord() else {
            throw ObservatoireError(.emptyFile, "the file has no header line", path: path)
        }
        if let defect = defect {
            throw ObservatoireError(.notDelimitedText, "the header line cannot be read: \(defect.reason)", path: path, line: recordLine)
        }
        let names = currentRecord.strings
        var seen: [String: Int] = [:]
        for (index, name) in names.enumerated() {
            if let first = seen[name] {
                throw ObservatoireError(.duplicateHeader,
                                   "column name '\(name)' appears twice in the header (columns \(first + 1) and \(index + 1)); rename one of them",
                                   path: path, line: recordLine, column: name)
            }
            seen[name] = index
        }
        header = names
    }

    /// The record just parsed, over the builder's buffers: valid until the next is parsed.
    private var currentRecord: CSVRecord {
        CSVRecord(line: recordLine, defect: defect, bytes: builder.pointee.bytes.elements, ends: builder.pointee.ends.elements)
    }

    /// Parses lines until one record is complete; false at the end of the file.
    private func nextRecord() throws -> Bool {
        builder.pointee.reset()
        while let line = try nextLine() {
            lineNumber += 1
            if !inRecord {
                if Self.isBlank(line) { continue }
                inRecord = true
                recordLine = lineNumber
                defect = nil
            }
            feed(line)
            if builder.pointee.complete {
                inRecord = false
                return true
            }
        }
        guard inRecord else { return false }
        inRecord = false
        let status = csv_fini(parser, fieldCallback, recordCallback, UnsafeMutableRawPointer(builder))
        if status != 0 {
            throw ObservatoireError(.unterminatedQuote,
                               "a quoted field opened on this line is never closed: the file is truncated or its quotes are unbalanced",
                               path: path, line: recordLine, column: String(builder.pointee.ends.count + 1))
        }
        return builder.pointee.complete
    }

    /// Hands one physical line to libcsv, after checking or converting its encoding.
    /// The content goes first, then the terminator: outside quotes a CRLF ends a record
    /// like an LF and its CR never reaches a value; inside a quoted field the line break is
    /// data and is kept as published; a lone CR inside a field stays data.
    private func feed(_ line: UnsafeBufferPointer<UInt8>) {
        var content = line.count
        let terminated = content > 0 && line[content - 1] == terminator
        if terminated { content -= 1 }
        if terminated && terminator == 0x0A && content > 0 && line[content - 1] == 0x0D { content -= 1 }
        classifyBytes(like: UnsafeBufferPointer(rebasing: line[..<content]))
        feedContent(UnsafeBufferPointer(rebasing: line[..<content]))
        guard terminated && !builder.pointee.complete else { return }
        let insideQuotes = parser.pointee.pstate == Self.fieldBegun && parser.pointee.quoted != 0
        parse(UnsafeBufferPointer(rebasing: line[(insideQuotes ? content : line.count - 1)...]))
    }

    /// libcsv's parser state while a field is being read (`FIELD_BEGUN` in libcsv.c).
    private static let fieldBegun: Int32 = 2

    private func feedContent(_ line: UnsafeBufferPointer<UInt8>) {
        if defect == nil, line.count > 0 && memchr(line.baseAddress!, 0, line.count) != nil {
            defect = .nulByte
        }
        var input = line
        switch encoding {
        case .utf8:
            if defect == nil, let offset = UTF8Validation.firstInvalidOffset(in: line) {
                defect = .invalidUTF8(byteOffset: offset)
            }
            parse(input)
        case .windows1252:
            transcoded.removeAll(keepingCapacity: true)
            Windows1252.transcode(line, into: &transcoded)
            transcoded.withUnsafeBufferPointer { converted in
                input = converted
                parse(input)
            }
        }
    }

    private func parse(_ input: UnsafeBufferPointer<UInt8>) {
        let context = UnsafeMutableRawPointer(builder)
        let consumed = csv_parse(parser, input.baseAddress, input.count, fieldCallback, recordCallback, context)
        guard consumed < input.count, csv_error(parser) == CSV_EPARSE else { return }
        // Strict mode stopped on a malformed quote: keep what libcsv held as the value,
        // drop the rest of the line, and start afresh on the next one.
        let partial = String(decoding: UnsafeBufferPointer(start: parser.pointee.entry_buf, count: parser.pointee.entry_pos), as: UTF8.self)
        if defect == nil {
            defect = .malformedQuote(column: builder.pointee.ends.count + 1, partialValue: partial)
        }
        csv_free(parser)
        csv_init(parser, Self.options)
        configureParser()
        builder.pointee.complete = true
    }

    /// Whether libcsv classifies bytes with its own inline tests (a space or tab is trimmed,
    /// CR and LF end a record) rather than through our functions, one call per byte.
    private var defaultClassifiers = false

    /// On a line without tab, CR or LF whose spaces are all inside a value (most lines of
    /// a numeric file, and of ADEME's) libcsv's own tests give what ours give, a fifth
    /// faster: it only trims a space at the start or end of a value, or after a quote.
    /// On any other line ours keep every byte as published. Tab-delimited files always use ours.
    private func classifyBytes(like content: UnsafeBufferPointer<UInt8>) {
        guard let base = content.baseAddress, !content.isEmpty else { return }
        let plain = delimiter != 0x09 && memchr(base, 0x09, content.count) == nil
            && memchr(base, 0x0D, content.count) == nil && memchr(base, 0x0A, content.count) == nil
            && Self.spacesAreInsideValues(content, delimiter: delimiter)
        guard plain != defaultClassifiers else { return }
        defaultClassifiers = plain
        if plain {
            csv_set_term_func(parser, nil)
            csv_set_space_func(parser, nil)
        } else {
            configureParser()
        }
    }

    /// Whether every space of `content` has, on both sides, a byte that is neither a
    /// space, a quote nor the delimiter (so that it is neither leading nor trailing).
    static func spacesAreInsideValues(_ content: UnsafeBufferPointer<UInt8>, delimiter: UInt8) -> Bool {
        guard let base = content.baseAddress else { return true }
        let count = content.count
        func isInside(_ byte: UInt8) -> Bool { byte != 0x20 && byte != 0x22 && byte != delimiter }
        var from = 0
        while from < count, let found = memchr(base + from, 0x20, count - from) {
            let index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            guard index > 0, index + 1 < count, isInside(base[index - 1]), isInside(base[index + 1]) else { return false }
            from = index + 2
        }
        return true
    }

    private func configureParser() {
        defaultClassifiers = false
        csv_set_delim(parser, delimiter)
        // Only the file's own terminator ends a record (libcsv's default takes CR and LF).
        if terminator == 0x0A {
            csv_set_term_func(parser, observatoire_csv_is_lf)
        } else {
            csv_set_term_func(parser, observatoire_csv_is_cr)
        }
        // Keep spaces as published: libcsv trims them around unquoted fields by default.
        csv_set_space_func(parser, observatoire_csv_no_space)
    }

    // MARK: - Lines

    /// The next physical line including its terminator, or nil at the end of input.
    /// The pointer is valid until the next call.
    private func nextLine() throws -> UnsafeBufferPointer<UInt8>? {
        var searchFrom = window.start
        while true {
            let base = window.bytes.baseAddress!
            let (start, end) = (window.start, window.end)
            if searchFrom < end, let found = memchr(base + searchFrom, Int32(terminator), end - searchFrom) {
                let stop = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
                window.start = stop
                return UnsafeBufferPointer(start: base + start, count: stop - start)
            }
            if window.reachedEnd {
                guard start < end else { return nil }
                window.start = end
                return UnsafeBufferPointer(start: base + start, count: end - start)
            }
            searchFrom = end - start
            try window.fill()
        }
    }

    private static func isBlank(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        line.allSatisfy { $0 == 0x0A || $0 == 0x0D }
    }

    /// Picks `;`, `,` or tab, whichever occurs most in the first non-blank line outside quotes.
    static func sniffDelimiter(_ sample: UnsafeRawBufferPointer, terminator: UInt8, path: String) throws -> UInt8 {
        var counts: [UInt8: Int] = [0x3B: 0, 0x2C: 0, 0x09: 0]
        var quoted = false
        let firstLine = sample.drop { $0 == 0x0A || $0 == 0x0D }
        for byte in firstLine {
            if byte == terminator && !quoted { break }
            if byte == 0x22 { quoted.toggle() }
            if !quoted, counts[byte] != nil { counts[byte]! += 1 }
        }
        guard let best = counts.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key < $1.key) }), best.value > 0 else {
            throw ObservatoireError(.notDelimitedText,
                               "the first line has no ';', ',' or tab: this is not a delimited text file",
                               path: path, line: 1)
        }
        return best.key
    }
}

/// Collects the fields libcsv reports for the record being parsed, in buffers reused
/// from record to record.
struct CSVRecordBuilder: ~Copyable {
    var bytes = GrowableBuffer<UInt8>(capacity: 1 << 12)
    var ends = GrowableBuffer<Int>(capacity: 64)
    var complete = false

    mutating func reset() {
        bytes.removeAll()
        ends.removeAll()
        complete = false
    }
}

/// libcsv's callbacks: functions, not closures held in globals, which each call would have
/// to initialise-check (`swift_once`) once per field.
private func fieldCallback(_ field: UnsafeMutableRawPointer?, _ length: Int, _ context: UnsafeMutableRawPointer?) {
    let builder = context!.assumingMemoryBound(to: CSVRecordBuilder.self)
    if let field, length > 0 {
        builder.pointee.bytes.append(field.assumingMemoryBound(to: UInt8.self), count: length)
    }
    builder.pointee.ends.append(builder.pointee.bytes.count)
}

private func recordCallback(_ terminator: Int32, _ context: UnsafeMutableRawPointer?) {
    context!.assumingMemoryBound(to: CSVRecordBuilder.self).pointee.complete = true
}
