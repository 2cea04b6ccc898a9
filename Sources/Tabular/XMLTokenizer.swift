#if canImport(Glibc)
import Core
import Glibc
#endif

/// A start tag, or an empty-element tag (`<c r="A1"/>`) when `isSelfClosing`.
/// Names are local: the namespace prefix (`x:row`) is dropped.
struct XMLTag {
    let name: String
    let attributes: [(name: String, value: String)]
    let isSelfClosing: Bool

    func attribute(_ name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }
}

enum XMLToken {
    case start(XMLTag)
    case end(String)
    /// Character data with entities decoded, or the content of a CDATA section.
    case text(String)
}

/// A pull tokenizer for the XML parts of a workbook, read in chunks from a byte source.
///
/// Enough XML for SpreadsheetML and no more: tags, attributes, text and the predefined and
/// numeric entities. The declaration, processing instructions, comments and DOCTYPE are
/// skipped; namespaces are not resolved. Memory is one chunk, or the largest single token.
final class XMLTokenizer {
    /// `file.xlsx!xl/worksheets/sheet1.xml`, for errors.
    let path: String
    private let window: ReadWindow

    static let chunkSize = 1 << 18

    /// `chunkSize` is made small by the fuzz target, so that chunk edges fall inside tokens.
    init(source: any ByteSource, path: String, chunkSize: Int = XMLTokenizer.chunkSize) {
        self.path = path
        window = ReadWindow(source: source, capacity: chunkSize)
    }

    /// The next token, or nil at the end of the document.
    func next() throws -> XMLToken? {
        while try available(1) {
            if byte(0) != .lessThan {
                let stop = try offset(of: .lessThan, from: 0) ?? window.end - window.start
                defer { window.start += stop }
                return .text(decoded(bytes(0..<stop)))
            }
            guard try available(2) else { throw malformed("ends inside a tag") }
            switch byte(1) {
            case .slash:
                guard let close = try offset(of: .greaterThan, from: 2) else { throw malformed("ends inside an end tag") }
                var stop = close
                while stop > 2 && Self.isSpace(byte(stop - 1)) { stop -= 1 }
                defer { window.start += close + 1 }
                return .end(localName(bytes(0..<stop), 2..<stop))
            // Offsets are taken before `start` moves: reading more input may compact the buffer.
            case .question:
                let stop = try offset(ofTerminator: Self.processingEnd, after: 2)
                window.start += stop + 2
            case .exclamation where try hasPrefix(Self.commentStart):
                let stop = try offset(ofTerminator: Self.commentEnd, after: 4)
                window.start += stop + 3
            case .exclamation where try hasPrefix(Self.cdataStart):
                let stop = try offset(ofTerminator: Self.cdataEnd, after: 9)
                defer { window.start += stop + 3 }
                return .text(String(decoding: bytes(9..<stop), as: UTF8.self))
            case .exclamation:
                let close = try closingBracket()
                window.start += close + 1
            default:
                let close = try closingBracket()
                defer { window.start += close + 1 }
                return .start(try startTag(close))
            }
        }
        return nil
    }

    /// The text of the element just opened, up to its end tag `name`.
    func text(closing name: String) throws -> String {
        var text = ""
        while let token = try next() {
            switch token {
            case .text(let part): text += part
            case .end(let tag) where tag == name: return text
            default: break
            }
        }
        throw malformed("ends inside <\(name)>")
    }

    func malformed(_ what: String) -> ObservatoireError {
        ObservatoireError(.malformedXML, "the XML \(what) (byte \(window.discarded + window.start)): the part is truncated or damaged; download the file again", path: path)
    }

    // MARK: - Markup

    /// Parses the start tag whose `>` is at `close`: name, then `name="value"` pairs.
    private func startTag(_ close: Int) throws -> XMLTag {
        let isSelfClosing = byte(close - 1) == .slash
        let tag = bytes(0..<(isSelfClosing ? close - 1 : close))
        let stop = tag.count
        var position = 1
        while position < stop && !Self.isSpace(tag[position]) { position += 1 }
        let name = localName(tag, 1..<position)
        var attributes: [(name: String, value: String)] = []
        while true {
            while position < stop && Self.isSpace(tag[position]) { position += 1 }
            guard position < stop else { break }
            let nameStart = position
            while position < stop && tag[position] != .equals && !Self.isSpace(tag[position]) { position += 1 }
            let nameStop = position
            while position < stop && Self.isSpace(tag[position]) { position += 1 }
            guard position < stop, tag[position] == .equals else { throw malformed("has an attribute without a value in <\(name)>") }
            position += 1
            while position < stop && Self.isSpace(tag[position]) { position += 1 }
            guard position < stop, tag[position] == .quote || tag[position] == .apostrophe else {
                throw malformed("has an unquoted attribute value in <\(name)>")
            }
            let quote = tag[position]
            let valueStart = position + 1
            position = valueStart
            while position < stop && tag[position] != quote { position += 1 }
            guard position < stop else { throw malformed("has an unterminated attribute value in <\(name)>") }
            attributes.append((localName(tag, nameStart..<nameStop), decoded(UnsafeBufferPointer(rebasing: tag[valueStart..<position]))))
            position += 1
        }
        return XMLTag(name: name, attributes: attributes, isSelfClosing: isSelfClosing)
    }

    /// The offset of the `>` that closes the markup at `start`, ignoring any inside quotes
    /// and, for a DOCTYPE, inside its internal subset (`[...]`).
    private func closingBracket() throws -> Int {
        var offset = 1
        var quote: UInt8 = 0
        var depth = 0
        while true {
            let markup = bytes(0..<(window.end - window.start))
            while offset < markup.count {
                let byte = markup[offset]
                if quote != 0 {
                    if byte == quote { quote = 0 }
                } else if byte == .quote || byte == .apostrophe {
                    quote = byte
                } else if byte == .openBracket {
                    depth += 1
                } else if byte == .closeBracket {
                    depth -= 1
                } else if byte == .greaterThan && depth <= 0 {
                    return offset
                }
                offset += 1
            }
            guard !window.reachedEnd else { throw malformed("ends inside a tag") }
            try window.fill()
        }
    }

    /// The offset of `terminator` (`-->`, `?>`, `]]>`) found after `after` bytes of opening.
    private func offset(ofTerminator terminator: [UInt8], after opening: Int) throws -> Int {
        var from = opening + terminator.count - 1
        while let found = try offset(of: terminator.last!, from: from) {
            let first = found - terminator.count + 1
            if terminator.indices.allSatisfy({ byte(first + $0) == terminator[$0] }) { return first }
            from = found + 1
        }
        throw malformed("ends inside a comment, CDATA section or processing instruction")
    }

    private func hasPrefix(_ prefix: [UInt8]) throws -> Bool {
        try available(prefix.count) && prefix.indices.allSatisfy { byte($0) == prefix[$0] }
    }

    /// The name in `range` of `markup` without its namespace prefix.
    private func localName(_ markup: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        var first = range.lowerBound
        for index in range where markup[index] == .colon { first = index + 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: markup[first..<range.upperBound]), as: UTF8.self)
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    private static let processingEnd = Array("?>".utf8)
    private static let commentStart = Array("<!--".utf8)
    private static let commentEnd = Array("-->".utf8)
    private static let cdataStart = Array("<![CDATA[".utf8)
    private static let cdataEnd = Array("]]>".utf8)

    // MARK: - Entities

    /// `text` with `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&#NNN;` and
    /// `&#xHH;` replaced; an unknown or unterminated reference is kept as written.
    private func decoded(_ text: UnsafeBufferPointer<UInt8>) -> String {
        guard !text.isEmpty, memchr(text.baseAddress!, Int32(UInt8.ampersand), text.count) != nil else {
            return String(decoding: text, as: UTF8.self)
        }
        var output: [UInt8] = []
        output.reserveCapacity(text.count)
        var index = 0
        while index < text.count {
            if text[index] == .ampersand,
               let semicolon = text[index...].prefix(12).firstIndex(of: .semicolon),
               let scalar = Self.entity(String(decoding: text[(index + 1)..<semicolon], as: UTF8.self)) {
                output.append(contentsOf: String(scalar).utf8)
                index = semicolon + 1
            } else {
                output.append(text[index])
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func entity(_ name: String) -> Unicode.Scalar? {
        switch name {
        case "amp": "&"
        case "lt": "<"
        case "gt": ">"
        case "quot": "\""
        case "apos": "'"
        default:
            if name.hasPrefix("#x") { UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init) }
            else if name.hasPrefix("#") { UInt32(name.dropFirst(1)).flatMap(Unicode.Scalar.init) }
            else { nil }
        }
    }

    // MARK: - Buffer

    private var base: UnsafeMutablePointer<UInt8> { window.bytes.baseAddress! }

    @inline(__always)
    private func byte(_ offset: Int) -> UInt8 { base[window.start + offset] }

    private func bytes(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: base + window.start + range.lowerBound, count: range.count)
    }

    /// Whether `count` bytes are buffered from `start`, reading more as needed.
    private func available(_ count: Int) throws -> Bool {
        while window.end - window.start < count && !window.reachedEnd { try window.fill() }
        return window.end - window.start >= count
    }

    /// The offset from `start` of the first `byte` at or after `from`; nil at the end of input.
    private func offset(of byte: UInt8, from: Int) throws -> Int? {
        var from = from
        while true {
            let (start, end) = (window.start, window.end)
            if start + from < end, let found = memchr(base + start + from, Int32(byte), end - start - from) {
                return base.distance(to: found.assumingMemoryBound(to: UInt8.self)) - start
            }
            guard !window.reachedEnd else { return nil }
            from = max(from, end - start)
            try window.fill()
        }
    }
}

private extension UInt8 {
    static let lessThan = UInt8(ascii: "<")
    static let greaterThan = UInt8(ascii: ">")
    static let slash = UInt8(ascii: "/")
    static let question = UInt8(ascii: "?")
    static let exclamation = UInt8(ascii: "!")
    static let equals = UInt8(ascii: "=")
    static let quote = UInt8(ascii: "\"")
    static let apostrophe = UInt8(ascii: "'")
    static let colon = UInt8(ascii: ":")
    static let semicolon = UInt8(ascii: ";")
    static let ampersand = UInt8(ascii: "&")
    static let openBracket = UInt8(ascii: "[")
    static let closeBracket = UInt8(ascii: "]")
}
