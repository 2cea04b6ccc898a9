import Core

/// The values of one variable on every territory of a run, by territory index
/// (`TerritoryIndex`): what an indicator is calculated from. Arrays rather than a
/// dictionary by code, which hashed strings for most of the time of a calculation.
struct Component: Sendable {
    /// The status of each territory's value; nil where the territory has none.
    private var statuses: [ValueStatus?]
    /// The value of each territory whose status is ok (0 elsewhere: only ok values have a number).
    private var values: [Double]
    /// Known issues of the values that have any: a few territories at most.
    private var flags: [Int32: [String]] = [:]
    /// Territories that have a value.
    private(set) var count = 0

    /// No value yet on any of `territories`.
    init(territories: Int) {
        statuses = Array(repeating: nil, count: territories)
        values = Array(repeating: 0, count: territories)
    }

    var isEmpty: Bool { count == 0 }

    /// Whether some value carries a known issue.
    var hasFlags: Bool { !flags.isEmpty }

    @inline(__always)
    func status(of territory: Int32) -> ValueStatus? { statuses[Int(territory)] }

    /// The number of a value whose status is ok.
    @inline(__always)
    func value(of territory: Int32) -> Double { values[Int(territory)] }

    func flags(of territory: Int32) -> [String] { flags[territory] ?? [] }

    /// One territory's value as a cell; setting it replaces the one before.
    subscript(territory: Int32) -> Cell? {
        get {
            status(of: territory).map { status in
                Cell(value: status == .ok ? value(of: territory) : nil, status: status, flags: flags(of: territory))
            }
        }
        set {
            guard let cell = newValue else {
                if statuses[Int(territory)] != nil { count -= 1 }
                statuses[Int(territory)] = nil
                values[Int(territory)] = 0
                flags[territory] = nil
                return
            }
            set(territory, value: cell.value, status: cell.status)
            flags[territory] = cell.flags.isEmpty ? nil : cell.flags
        }
    }

    /// A value without known issues, replacing any before.
    @inline(__always)
    mutating func set(_ territory: Int32, value: Double?, status: ValueStatus) {
        let index = Int(territory)
        if statuses[index] == nil { count += 1 }
        statuses[index] = status
        values[index] = status == .ok ? value ?? 0 : 0
        if !flags.isEmpty { flags[territory] = nil }
    }
}
