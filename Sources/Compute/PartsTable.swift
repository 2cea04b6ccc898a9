import Core

/// The additive parts of every territory of one calculation (`IndicatorCalculator.Parts`),
/// kept for the sums over communes: arrays by territory index, the parts of territory `t`
/// at `t × width`, rather than an array allocated for each territory.
struct PartsTable {
    private let width: Int
    /// nil for a territory without parts.
    private var statuses: [ValueStatus?]
    private var counts: [Int32]
    private var values: [Double]
    private var imputedWeights: [Double]
    /// Known issues of the components of the territories that have any, sorted.
    private var flags: [Int32: [String]] = [:]

    /// `width`: the most parts a territory can have.
    init(territories: Int, width: Int) {
        self.width = width
        statuses = Array(repeating: nil, count: territories)
        counts = Array(repeating: 0, count: territories)
        values = Array(repeating: 0, count: territories * width)
        imputedWeights = Array(repeating: 0, count: territories)
    }

    mutating func set(_ territory: Int32, _ parts: IndicatorCalculator.Parts, _ partValues: [Double], flags: [String]) {
        precondition(partValues.count <= width, "\(partValues.count) parts for a table of \(width)")
        let index = Int(territory)
        statuses[index] = parts.status
        counts[index] = Int32(partValues.count)
        imputedWeights[index] = parts.imputedWeight
        let start = index * width
        for (offset, value) in partValues.enumerated() { values[start + offset] = value }
        if !flags.isEmpty { self.flags[territory] = flags }
    }

    func status(of territory: Int32) -> ValueStatus? { statuses[Int(territory)] }

    /// The parts of a territory; empty when its status is not ok.
    func values(of territory: Int32) -> ArraySlice<Double> {
        let start = Int(territory) * width
        return values[start..<start + Int(counts[Int(territory)])]
    }

    func imputedWeight(of territory: Int32) -> Double { imputedWeights[Int(territory)] }

    var hasFlags: Bool { !flags.isEmpty }

    func flags(of territory: Int32) -> [String] { flags[territory] ?? [] }
}
