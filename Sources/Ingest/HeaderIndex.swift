import Catalog
import Core

/// Finds columns by name without regard to case (the 2019 COG has a lower-case header),
/// and says which published columns nobody used.
struct HeaderIndex {
    let header: [String]
    let path: String
    private let positions: [String: Int]

    init(header: [String], path: String) {
        self.header = header
        self.path = path
        var positions: [String: Int] = [:]
        for (index, name) in header.enumerated() where positions[name.uppercased()] == nil {
            positions[name.uppercased()] = index
        }
        self.positions = positions
    }

    func position(of name: String) -> Int? { positions[name.uppercased()] }

    /// The position of a column the source definition requires.
    func require(_ name: String) throws -> Int {
        guard let position = position(of: name) else {
            throw ObservatoireError(.missingColumn,
                              "the source definition needs a column '\(name)', absent from the header (\(header.prefix(12).joined(separator: ", ")))",
                              path: path, line: 1, column: name)
        }
        return position
    }

    /// Published columns neither used nor declared as ignored.
    func unused(used: Set<Int>, ignored: [String]) -> [String] {
        let ignoredSet = Set(ignored.map { $0.uppercased() })
        return header.enumerated().compactMap { index, name in
            used.contains(index) || ignoredSet.contains(name.uppercased()) ? nil : name
        }
    }
}
