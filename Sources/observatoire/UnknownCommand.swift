import ArgumentParser

/// A word where a subcommand's name should be that names none (`observatoire portrai`,
/// `observatoire territories shw`), with the names close enough to be what was meant.
struct UnknownCommand: Equatable {
    /// The commands before it (`["territories"]`), and the word itself.
    let path: [String]
    let word: String
    /// The closest names (several only when equally close); empty when none is close.
    let suggestions: [String]
    /// Every name that would have been accepted there.
    let names: [String]

    /// The first word of `arguments` that stands where a subcommand of `root` (or of one
    /// of its subcommands) is expected and is not one; nil when every such word names one,
    /// or when an option comes first (argument-parser's own message fits then).
    static func find(in arguments: [String], under root: ParsableCommand.Type) -> UnknownCommand? {
        var command = root
        var path: [String] = []
        for word in arguments {
            let subcommands = command.configuration.subcommands
            guard !word.hasPrefix("-"), word != "help", !subcommands.isEmpty, command.configuration.defaultSubcommand == nil else { return nil }
            if let next = subcommands.first(where: { names(of: $0).contains(word) }) {
                command = next
                path.append(word)
                continue
            }
            let accepted = subcommands.flatMap { names(of: $0) }
            return UnknownCommand(path: path, word: word, suggestions: closest(to: word, among: accepted), names: accepted)
        }
        return nil
    }

    /// What `observatoire` prints on standard error before exiting with 2.
    var message: String {
        let prefix = path.map { $0 + " " }.joined()
        var lines = ["error: unknown command '\(prefix)\(word)'"]
        if suggestions.isEmpty {
            lines.append("commands: \(names.joined(separator: ", ")) (see 'observatoire \(prefix)--help')")
        } else {
            lines.append("did you mean " + suggestions.map { "'\(prefix)\($0)'" }.joined(separator: " or ") + "?")
        }
        return lines.joined(separator: "\n")
    }

    static func names(of command: ParsableCommand.Type) -> [String] {
        [command._commandName] + command.configuration.aliases
    }

    /// The names at the smallest edit distance from `word` (case ignored), when it is small
    /// for their length: 1 for a name of up to 5 letters, 2 for a longer one.
    static func closest(to word: String, among names: [String]) -> [String] {
        let typed = word.lowercased()
        let close = names.map { (name: $0, distance: distance(typed, $0.lowercased())) }
            .filter { $0.distance <= ($0.name.count > 5 ? 2 : 1) }
        guard let best = close.map(\.distance).min() else { return [] }
        return close.filter { $0.distance == best }.map(\.name)
    }

    /// The Damerau–Levenshtein distance (optimal string alignment): insertions, deletions,
    /// substitutions and transpositions of two adjacent characters each count 1.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }
}
