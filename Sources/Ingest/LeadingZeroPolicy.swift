import Catalog
import Core

/// Codes that lost their leading zero (`1001` for `01001`, a spreadsheet's doing) are
/// never loaded silently: the file is refused, unless the user asked for the repair,
/// in which case every repaired code is counted and the repair is recorded with the file.
struct LeadingZeroPolicy {
    let repair: Bool
    private(set) var count = 0
    private(set) var columns: Set<String> = []
    private(set) var first: (line: Int, column: String, value: String)?

    init(repair: Bool) { self.repair = repair }

    /// Notes one damaged code and returns it repaired: to be loaded when repairs are allowed,
    /// otherwise only so that the rest of the file is read and every damaged code counted
    /// before `verdict` refuses the file.
    mutating func record(line: Int, column: String, value: String, repaired: String) -> String {
        count += 1
        columns.insert(column)
        if first == nil { first = (line, column, value) }
        return repaired
    }

    /// Throws when damaged codes were seen and no repair was asked for.
    func verdict(path: String) throws -> String? {
        guard count > 0, let first else { return nil }
        let where_ = columns.sorted().joined(separator: ", ")
        guard repair else {
            throw ObservatoireError(.lostLeadingZeros,
                              "\(count) codes lost their leading zero (column \(where_); first: '\(first.value)' on line \(first.line)). The file was probably saved by a spreadsheet. Re-export it with codes as text, or re-run with --repair-leading-zeros to pad them with a zero (the repair is recorded).",
                              path: path, line: first.line, column: first.column, value: first.value)
        }
        return "leading zero restored on \(count) codes (\(where_))"
    }
}
