/// The notes of a portrait, numbered in the order they are first needed: a note used by
/// several values gets one number. Secret and unavailable values are marked by their
/// symbol (`s`, `nd`, `so`) and explained once.
struct Footnotes {
    struct Note: Sendable {
        let mark: String
        let text: String
    }

    private(set) var notes: [Note] = []
    private var symbols: [Note] = []

    /// The number of `text`, giving it the next one when it is new.
    mutating func mark(_ text: String) -> String {
        if let note = notes.first(where: { $0.text == text }) { return note.mark }
        let mark = String(notes.count + 1)
        notes.append(Note(mark: mark, text: text))
        return mark
    }

    /// Notes `symbol : text` once, for the symbols shown in place of values.
    mutating func explain(_ symbol: String, _ text: String) {
        if !symbols.contains(where: { $0.mark == symbol }) { symbols.append(Note(mark: symbol, text: text)) }
    }

    /// Symbols first, then the numbered notes.
    var all: [Note] { symbols + notes }
}
