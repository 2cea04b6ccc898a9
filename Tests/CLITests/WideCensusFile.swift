import Foundation

/// A generated INSEE-like wide census file (`CODGEO;P21_V001;…`), large enough that
/// ingesting it is one long transaction: commune codes of valid syntax, numbers only.
enum WideCensusFile {
    /// Writes `rows` communes × `variables` values to `url` and returns its path.
    static func write(rows: Int, variables: Int = 20, to url: URL) throws -> String {
        var text = "CODGEO" + (1...variables).map { String(format: ";P21_V%03d", $0) }.joined() + "\n"
        text.reserveCapacity(rows * variables * 10)
        for row in 0..<rows {
            text += String(format: "%02d%03d", 10 + row / 1000, row % 1000)
            for variable in 1...variables { text += ";\((row * 31 + variable * 17) % 100_000).5" }
            text += "\n"
        }
        try Data(text.utf8).write(to: url)
        return url.path
    }
}
