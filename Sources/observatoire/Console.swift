import Foundation

/// Where a command's words go: what was asked for and what was done on standard output,
/// warnings and errors on standard error. `--quiet` silences only what was done; the
/// document a command was asked to print, warnings and errors always appear.
struct Console {
    let quiet: Bool

    /// What the command did ("… → FILE"): nothing with `--quiet`.
    func say(_ line: String) {
        guard !quiet else { return }
        Swift.print(line)
    }

    /// The document or listing the command was asked to print.
    func show(_ text: String, terminator: String = "\n") {
        Swift.print(text, terminator: terminator)
    }

    /// A line on standard error, after whatever standard output holds, so that the two
    /// streams keep their order on a terminal.
    func warn(_ line: String) {
        fflush(nil)
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
