import Core
import GRDB
import Indicators
import Warehouse

/// Every territory a compute run can meet on one geography, numbered 0, 1, 2 … in code
/// order, so that calculations index arrays instead of hashing codes, and a list in index
/// order is in code order.
///
/// Codes compare as Swift strings do, as the values were sorted before; the codes are
/// ASCII, where that is also the binary order of SQLite.
struct TerritoryIndex: Sendable {
    /// What a calculation asks of a code besides its place.
    enum Level: UInt8, Sendable {
        case commune, arrondissement, other
    }

    /// The code of each index, ascending.
    let codes: [String]
    /// The level of each index, from its code's prefix.
    let levels: [Level]
    private let indexes: [String: Int32]

    init(codes: some Sequence<String>) {
        let sorted = Set(codes).sorted()
        self.codes = sorted
        levels = sorted.map { code in
            if code.hasPrefix("COM:") { return .commune }
            if code.hasPrefix("ARM:") { return .arrondissement }
            return .other
        }
        indexes = Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($1, Int32($0)) })
    }

    /// The territories of a geography, its memberships, and every territory its normalised
    /// values name: a value may be published for a territory the geography no longer lists
    /// (an EPCI dissolved since, say), and it is computed all the same.
    static func read(geography: Int, _ db: Database) throws -> TerritoryIndex {
        TerritoryIndex(codes: try TerritoryStore(geography: geography).codesIncludingValues(db))
    }

    var count: Int { codes.count }

    /// The index of a code; nil when the geography does not have it.
    func index(of code: String) -> Int32? { indexes[code] }

    /// The index of a code read from the warehouse, which the index was built from.
    func index(of code: String, in place: @autoclosure () -> String) throws -> Int32 {
        guard let index = indexes[code] else {
            throw ObservatoireError(.indicator, "\(place()): territory \(code) is not among the \(count) territories read when compute started")
        }
        return index
    }

    subscript(index: Int32) -> String { codes[Int(index)] }

    func isCommune(_ index: Int32) -> Bool { levels[Int(index)] == .commune }

    /// A commune or a municipal arrondissement: a territory whose values are as published.
    func isCommuneLike(_ index: Int32) -> Bool { levels[Int(index)] != .other }
}
