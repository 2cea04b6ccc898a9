/// What one commune × year of diagnostics accumulates: counters in fixed slots
/// (breakdown × `N` and labels), and each consumption with its breakdowns packed in a byte
/// (building type in the low four bits, construction period in the high four, 0 when
/// unknown), for the medians and consumption classes.
struct DiagnosticTally {
    private typealias Loader = DiagnosticsLoader
    private var counts = [Int32](repeating: 0, count: Loader.breakdowns.count * Loader.slots)
    private var consumptions: [Float] = []
    private var breakdownsOfConsumption: [UInt8] = []
    /// The consumptions of one breakdown, sorted; reused from one breakdown to the next.
    private var sorted: [Float] = []

    mutating func add(_ diagnostic: CountedDiagnostic) {
        count(diagnostic.label, in: 0)
        count(diagnostic.label, in: diagnostic.buildingType)
        if diagnostic.period != 0 { count(diagnostic.label, in: diagnostic.period) }
        if !diagnostic.consumption.isNaN {
            consumptions.append(diagnostic.consumption)
            breakdownsOfConsumption.append(UInt8(diagnostic.buildingType) | UInt8(diagnostic.period) << 4)
        }
    }

    private mutating func count(_ label: Int, in breakdown: Int) {
        counts[breakdown * Loader.slots] += 1
        counts[breakdown * Loader.slots + 1 + label] += 1
    }

    mutating func removeAll() {
        for index in counts.indices { counts[index] = 0 }
        consumptions.removeAll(keepingCapacity: true)
        breakdownsOfConsumption.removeAll(keepingCapacity: true)
    }

    private func isIn(_ breakdown: Int, _ position: Int) -> Bool {
        let packed = breakdownsOfConsumption[position]
        return breakdown == 0 || Int(packed & 0x0F) == breakdown || Int(packed >> 4) == breakdown
    }

    /// The observations of the commune × year, by slot (`DiagnosticsLoader.slotNames`:
    /// codes without their year, `DPE_MAISON_N_E`), into `values`. Label counts and classes
    /// are given only when not zero (the indicators declare absent_is_zero): most commune
    /// × years have a handful of diagnostics, and zeros would be most rows.
    mutating func observations(into values: inout [(slot: Int, value: Double)]) {
        values.removeAll(keepingCapacity: true)
        for index in Loader.breakdowns.indices where counts[index * Loader.slots] > 0 {
            let first = index * Loader.slotsPerBreakdown
            values.append((first, Double(counts[index * Loader.slots])))
            for offset in Loader.labels.indices where counts[index * Loader.slots + 1 + offset] > 0 {
                values.append((first + 1 + offset, Double(counts[index * Loader.slots + 1 + offset])))
            }
            sorted.removeAll(keepingCapacity: true)
            for position in consumptions.indices where isIn(index, position) { sorted.append(consumptions[position]) }
            guard !sorted.isEmpty else { continue }
            sorted.sort()
            values.append((first + Loader.slots, Loader.median(ofSorted: sorted)))
            var start = 0
            while start < sorted.count {
                let consumptionClass = Loader.consumptionClass(sorted[start])
                var end = start + 1
                while end < sorted.count, Loader.consumptionClass(sorted[end]) == consumptionClass { end += 1 }
                values.append((first + Loader.slots + 1 + consumptionClass, Double(end - start)))
                start = end
            }
        }
    }
}
